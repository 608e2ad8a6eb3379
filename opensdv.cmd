@echo off
rem Runs OpenSDV from this checkout; builds target\opensdv.jar first when it is missing.
setlocal
set "HERE=%~dp0"
if not exist "%HERE%target\opensdv.jar" (
  pushd "%HERE%"
  call mvn -q -B -ntp -DskipTests package || exit /b 2
  popd
)
java -jar "%HERE%target\opensdv.jar" %*

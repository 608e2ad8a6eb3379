@echo off
rem Runs OpenSDV from this checkout; builds target\opensdv.jar first when it is missing.
setlocal
set "HERE=%~dp0"
if not exist "%HERE%target\opensdv.jar" (
  pushd "%HERE%"
  call mvn -q -B -ntp -DskipTests package || exit /b 2
  popd
)
rem Without the JVM's optimising compiler (C2) and with the throughput collector unless
rem OPENSDV_JAVA_OPTS says otherwise: see ./opensdv.
if not defined OPENSDV_JAVA_OPTS set "OPENSDV_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
rem The build saves the classes a check loads in target\opensdv.jsa: see ./opensdv.
set "CDS="
if exist "%HERE%target\opensdv.jsa" set CDS="-XX:SharedArchiveFile=%HERE%target\opensdv.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
java %CDS% %OPENSDV_JAVA_OPTS% -jar "%HERE%target\opensdv.jar" %*

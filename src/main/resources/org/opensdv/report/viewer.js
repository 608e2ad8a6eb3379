(function () {
  'use strict';
  // Everything shown comes from the page itself; this script only moves highlights and writes text.
  var defects = Array.prototype.slice.call(document.querySelectorAll('article.defect'));
  var defectButtons = Array.prototype.slice.call(document.querySelectorAll('.defect-button'));
  var files = Array.prototype.slice.call(document.querySelectorAll('#source .file'));
  var previousButton = document.getElementById('previous-step');
  var nextButton = document.getElementById('next-step');
  var position = document.getElementById('position');
  var state = document.getElementById('state');
  var currentDefect = -1;
  var currentStep = 0;
  var steps = [];

  function sourceLineOf(step) {
    return document.getElementById(step.dataset.file + '-L' + step.dataset.line);
  }

  function removeClass(selector, name) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (e) { e.classList.remove(name); });
  }

  function showDefect(index) {
    if (index < 0 || index >= defects.length) {
      return;
    }
    currentDefect = index;
    defects.forEach(function (d, i) { d.hidden = i !== index; });
    defectButtons.forEach(function (b) { b.classList.toggle('selected', Number(b.dataset.defect) === index); });
    removeClass('ol.code li.on-trace', 'on-trace');
    removeClass('li.step.current', 'current');
    steps = Array.prototype.slice.call(defects[index].querySelectorAll('li.step'));
    steps.forEach(function (step) {
      var line = sourceLineOf(step);
      if (line) {
        line.classList.add('on-trace');
      }
    });
    showStep(0);
  }

  function showStep(n) {
    if (steps.length === 0) {
      return;
    }
    currentStep = Math.max(0, Math.min(steps.length - 1, n));
    var step = steps[currentStep];
    steps.forEach(function (s, i) { s.classList.toggle('current', i === currentStep); });
    files.forEach(function (f) { f.hidden = f.id !== step.dataset.file; });
    removeClass('ol.code li.current', 'current');
    var line = sourceLineOf(step);
    if (line) {
      line.classList.add('current');
      line.scrollIntoView({ block: 'center' });
    }
    step.scrollIntoView({ block: 'nearest' });
    position.textContent = 'step ' + (currentStep + 1) + ' of ' + steps.length;
    state.textContent = defects[currentDefect].dataset.resource + ' is held: ' + step.dataset.held;
    previousButton.disabled = currentStep === 0;
    nextButton.disabled = currentStep === steps.length - 1;
  }

  previousButton.addEventListener('click', function () { showStep(currentStep - 1); });
  nextButton.addEventListener('click', function () { showStep(currentStep + 1); });
  defectButtons.forEach(function (b) {
    b.addEventListener('click', function () { showDefect(Number(b.dataset.defect)); });
  });
  defects.forEach(function (d) {
    Array.prototype.forEach.call(d.querySelectorAll('li.step'), function (step, i) {
      step.addEventListener('click', function () { showStep(i); });
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    var moves = {
      ArrowDown: function () { showStep(currentStep + 1); },
      j: function () { showStep(currentStep + 1); },
      ArrowUp: function () { showStep(currentStep - 1); },
      k: function () { showStep(currentStep - 1); },
      Home: function () { showStep(0); },
      End: function () { showStep(steps.length - 1); },
      ']': function () { showDefect(currentDefect + 1); },
      '[': function () { showDefect(currentDefect - 1); }
    };
    if (Object.prototype.hasOwnProperty.call(moves, event.key)) {
      event.preventDefault();
      moves[event.key]();
    }
  });
  showDefect(0);
}());

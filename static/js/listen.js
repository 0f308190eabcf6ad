// "Dengarkan": the phone reads the page's main text aloud in its own voice (Web Speech API),
// nothing is downloaded. The button stays hidden unless the phone has a voice for the page's language.
(function () {
  var button = document.getElementById("listen");
  var synth = window.speechSynthesis;
  if (!button || !synth || !window.SpeechSynthesisUtterance) return;

  var main = document.getElementById("main");
  var label = button.querySelector(".listen-label");
  var listenText = label.textContent, stopText = button.getAttribute("data-stop");
  var lang = (document.documentElement.lang || "id").split("-")[0].toLowerCase();
  var codes = lang === "id" ? ["id", "in"] : [lang];  // older Android names Indonesian "in_ID"
  var CHUNK = 180;  // Android Chrome cuts a long utterance off: speak a sentence or two at a time
  var SKIP = "nav, button, input, select, textarea, script, style, template, noscript, svg, img, " +
    "[hidden], [aria-hidden=true], .visually-hidden, .back-link, .crumb";
  var BLOCK = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, label, legend, summary, th, td, caption, " +
    "figcaption, blockquote, pre, div, section, article, aside, fieldset, form, figure, details, main";
  var voice = null;
  var reading = null;  // while speaking: {queue: [{element, text}], at, utterance}

  function languageOf(candidate) {
    return (candidate.lang || "").toLowerCase().replace("_", "-");
  }

  function findVoice() {
    var fitting = synth.getVoices().filter(function (candidate) {
      var code = languageOf(candidate);
      return codes.some(function (wanted) { return code === wanted || code.indexOf(wanted + "-") === 0; });
    });
    // a voice on the phone itself works without internet, as in the room; a network voice may not
    voice = fitting.filter(function (candidate) { return candidate.localService; })[0] || fitting[0] || null;
    if (!voice) stop();
    button.hidden = !voice;
  }

  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  }

  // The page's text in reading order, one part per block (heading, paragraph, list item, label…).
  function parts() {
    var found = [], walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!node.nodeValue.trim() || parent.closest(SKIP) || !shown(parent)) continue;
      var block = parent.closest(BLOCK), last = found[found.length - 1];
      if (last && last.element === block) last.text += node.nodeValue;
      else found.push({element: block, text: node.nodeValue});
    }
    return found;
  }

  // Sentences packed into pieces of at most CHUNK characters; an over-long sentence is cut at a space.
  function pieces(text) {
    var out = [], current = "";
    function add(piece) {
      if (current && (current + piece).length > CHUNK) {
        out.push(current);
        current = "";
      }
      current += piece;
    }
    (text.match(/[^.!?…]+[.!?…]*\s*/g) || []).forEach(function (sentence) {
      while (sentence.length > CHUNK) {
        var cut = sentence.lastIndexOf(" ", CHUNK);
        if (cut < CHUNK / 2) cut = CHUNK;
        add(sentence.slice(0, cut));
        sentence = sentence.slice(cut);
      }
      add(sentence);
    });
    out.push(current);
    return out.map(function (piece) { return piece.trim(); }).filter(Boolean);
  }

  function queue() {
    var items = [];
    parts().forEach(function (part) {
      pieces(part.text.replace(/\s+/g, " ")).forEach(function (text) {
        items.push({element: part.element, text: text});
      });
    });
    return items;
  }

  function mark(element) {
    var old = main.querySelector(".reading");
    if (old && old !== element) old.classList.remove("reading");
    if (element && element !== main) {  // the reader sees where the voice is
      element.classList.add("reading");
      if (element.scrollIntoView) element.scrollIntoView({block: "nearest"});
    }
  }

  function speakNext() {
    var run = reading;
    if (run.at >= run.queue.length) return stop();
    var item = run.queue[run.at++];
    var utterance = new SpeechSynthesisUtterance(item.text);
    utterance.voice = voice;
    utterance.lang = voice.lang.replace("_", "-").replace(/^in(?=-|$)/, "id");
    utterance.rate = 0.9;  // a little slower than usual: many listeners are elderly
    utterance.onend = function () { if (reading === run) speakNext(); };
    utterance.onerror = function () { if (reading === run) stop(); };
    run.utterance = utterance;  // kept: Chrome forgets the end of an utterance nobody holds
    mark(item.element);
    synth.speak(utterance);
  }

  function start() {
    if (synth.speaking || synth.pending) synth.cancel();
    reading = {queue: queue(), at: 0};
    label.textContent = stopText;
    speakNext();
  }

  function stop() {
    if (!reading) return;
    reading = null;
    synth.cancel();
    mark(null);
    label.textContent = listenText;
  }

  button.addEventListener("click", function () {
    if (reading) stop();
    else start();
  });
  window.addEventListener("pagehide", stop);
  if (synth.addEventListener) synth.addEventListener("voiceschanged", findVoice);  // voices load late
  findVoice();
})();

// The live page's keyboard and layout helpers, for a screen shared on Teams.
// - Arrow keys and Page Up/Down press the slide deck's previous / next buttons; P switches
//   presenter mode; both are ignored while the viewer is typing in a box.
// - The slide and the projected role-play fill the height the window leaves them; their type
//   is the largest that fits it, between 16 px and MAX_TYPE.
// - When the projected role-play moves on, the client's new line is brought into view.
const MIN_TYPE = 16;
const MAX_TYPE = 34;
const FITTED = ".ipt-live .ipt-slide, .ipt-live .ipt-roleplay-stage > .ipt-roleplay--projector";

function typing(target) {
  return target && (target.isContentEditable
    || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function visible(element) {
  return element.offsetParent !== null;
}

document.addEventListener("keydown", (event) => {
  if (typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  if (event.key === "p" || event.key === "P") {
    const toggle = document.querySelector(".ipt-presenter-toggle");
    if (toggle) {
      event.preventDefault();
      toggle.click();
    }
    return;
  }
  const forward = ["ArrowRight", "PageDown"].includes(event.key);
  const back = ["ArrowLeft", "PageUp"].includes(event.key);
  if (!forward && !back) {
    return;
  }
  const decks = Array.from(document.querySelectorAll(".ipt-deck")).filter(visible);
  if (decks.length === 0) {
    return;
  }
  const button = decks[0].querySelector(forward ? ".ipt-deck-next" : ".ipt-deck-previous");
  if (button && !button.disabled) {
    event.preventDefault();
    button.click();
  }
});

function overflows(element) {
  return element.scrollHeight > element.clientHeight + 1
    || element.scrollWidth > element.clientWidth + 1;
}

function fit(element) {
  if (!visible(element) || element.clientHeight === 0) {
    return;
  }
  let low = MIN_TYPE;
  let high = MAX_TYPE;
  element.style.fontSize = `${high}px`;
  if (!overflows(element)) {
    return;
  }
  while (high - low > 0.5) {
    const middle = (low + high) / 2;
    element.style.fontSize = `${middle}px`;
    if (overflows(element)) {
      high = middle;
    } else {
      low = middle;
    }
  }
  element.style.fontSize = `${Math.floor(low * 2) / 2}px`;
}

let lastClientLine = new WeakMap();

function showClientLine(roleplay) {
  const line = roleplay.querySelector(".ipt-client-line");
  if (!line || lastClientLine.get(roleplay) === line.textContent) {
    return;
  }
  const first = !lastClientLine.has(roleplay);
  lastClientLine.set(roleplay, line.textContent);
  if (first) {
    return;  // the start: the content note and the case above the line are read first
  }
  const top = line.getBoundingClientRect().top - roleplay.getBoundingClientRect().top;
  roleplay.scrollTop += top - 4;
}

let pending = false;

function refit() {
  if (pending) {
    return;
  }
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    document.querySelectorAll(FITTED).forEach(fit);
    document.querySelectorAll(".ipt-live .ipt-roleplay--projector").forEach(showClientLine);
  });
}

// Widgets show and hide their parts through classes and inline styles; the type set by fit()
// is an inline style too, and is not a reason to fit again.
const ownChange = (record) => record.type === "attributes" && record.attributeName === "style"
  && record.target.matches && record.target.matches(FITTED);
new MutationObserver((records) => {
  if (!records.every(ownChange)) {
    refit();
  }
}).observe(document.documentElement, {
  childList: true, subtree: true, characterData: true, attributes: true,
  attributeFilter: ["class", "style"],
});
window.addEventListener("resize", refit);

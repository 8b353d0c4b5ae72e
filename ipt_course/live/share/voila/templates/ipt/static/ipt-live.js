// Keyboard control for the live slide deck: arrow keys and Page Up/Down press the deck's
// previous / next buttons, unless the viewer is typing in a box.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) {
    return;
  }
  const forward = ["ArrowRight", "PageDown"].includes(event.key);
  const back = ["ArrowLeft", "PageUp"].includes(event.key);
  if (!forward && !back) {
    return;
  }
  const decks = Array.from(document.querySelectorAll(".ipt-deck")).filter((deck) => deck.offsetParent !== null);
  if (decks.length === 0) {
    return;
  }
  const button = decks[0].querySelector(forward ? ".ipt-deck-next" : ".ipt-deck-previous");
  if (button && !button.disabled) {
    event.preventDefault();
    button.click();
  }
});

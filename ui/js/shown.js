// When a view comes into sight. The views are mounted once at start and then only hidden and
// shown (main.js toggles each section's `hidden`): a view that reads its data lazily (Records,
// Reports, Home's recent activity) does so when its section is shown again.

/** Whether `el` is on screen (neither it nor a parent is hidden). */
export const isShown = (el) => !el.hidden && !el.parentElement?.closest('[hidden]');

/** Call `fn` each time `section` stops being hidden. */
export function onShown(section, fn) {
  new MutationObserver(() => {
    if (isShown(section)) fn();
  }).observe(section, { attributes: true, attributeFilter: ['hidden'] });
}

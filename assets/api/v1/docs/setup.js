/**
 * Runs before Scalar's bundle (vendor/scalar.js) on the API reference page, GET /api/v1/docs,
 * so that the bundle works under the page's Content-Security-Policy
 * (src/routes/meta/docs-page.ts) without 'unsafe-inline' styles or 'unsafe-eval':
 * - Every <style> element a script of this page creates gets the page's nonce, read from
 *   <meta property="csp-nonce">. Scalar sets it on its main stylesheet itself but creates
 *   its theme and toast styles without it. A <style> parsed from markup (say, one injected
 *   into a description) does not pass through here and stays blocked.
 * - zod, inside the bundle, is told not to probe for eval (`Function('')`), which the policy
 *   forbids; it then validates without compiling, as it does on Workers.
 */
(() => {
  globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
  const nonce = document.querySelector('meta[property="csp-nonce"]')?.content;
  if (!nonce) return;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (...args) {
    const element = createElement.apply(this, args);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  };
})();

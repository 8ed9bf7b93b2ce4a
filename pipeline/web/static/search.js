/* CSE Toolkit Search: a small enhancement of the plain search form, which works without it.
 *
 * 1. Enter submits the form from every control, the role, audience and chapter pickers too
 *    (a browser submits only from the text box).
 * 2. The role last searched with is remembered in this browser (localStorage, the role's id
 *    and nothing else: never a query), offered again on the search page, and can be
 *    forgotten. The page says so beside the role picker. The What changed page, opened with
 *    no role in its link, is shown again for the remembered role.
 */
(function () {
  "use strict";
  var KEY = "cse-toolkit-role";

  function stored() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (e) { return null; }
  }
  function store(role) {
    try {
      if (role) { window.localStorage.setItem(KEY, role); } else { window.localStorage.removeItem(KEY); }
      return true;
    } catch (e) { return false; }
  }

  function enhance(form) {
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === "Enter" && !event.isComposing && target.tagName === "SELECT") {
        event.preventDefault();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      }
    });

    var picker = form.querySelector("select[name=role]");
    var note = form.querySelector("#role-memory");
    var forget = form.querySelector("#forget-role");
    var said = form.querySelector("#role-said");
    var remembered = stored();
    if (!picker || remembered === null) { return; }  // no storage here: nothing is kept
    var known = function (id) {
      return Array.prototype.some.call(picker.options, function (o) { return o.value === id; });
    };
    if (form.hasAttribute("data-restore-role") && !picker.value && remembered && known(remembered)) {
      picker.value = remembered;
    }
    // A page that shows what it shows for the role (What changed): with no role in its link,
    // load it again for the remembered role, so that the picker and the page agree.
    var asked = new URLSearchParams(window.location.search);
    if (form.hasAttribute("data-load-role") && !asked.has("role") && remembered && known(remembered)) {
      asked.set("role", remembered);
      window.location.replace(window.location.pathname + "?" + asked.toString());
      return;
    }
    if (note) { note.hidden = false; }
    if (forget) {
      forget.hidden = !remembered;
      forget.addEventListener("click", function () {
        store("");
        if (form.hasAttribute("data-restore-role")) { picker.value = ""; }
        forget.hidden = true;
        if (said) { said.textContent = "Forgotten: no role is kept now."; }
        picker.focus();
      });
    }
    form.addEventListener("submit", function () { store(picker.value); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.search"), enhance);
  });
})();

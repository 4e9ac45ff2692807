// Audit: the security events, newest first, one page at a time.
"use strict";

(() => {
  const SIZE = 50;
  let page = 0;

  async function load() {
    const result = await Dash.getJson("/api/audit?page=" + page + "&size=" + SIZE);
    const body = document.querySelector("#audit tbody");
    body.replaceChildren();
    for (const e of result.events) {
      const row = document.createElement("tr");
      row.dataset.event = e.event;
      row.append(
        Dash.el("td", Dash.time(e.at)),
        Dash.el("td", e.event),
        Dash.el("td", e.username || ""),
        Dash.el("td", e.address || ""),
        Dash.el("td", e.detail || "")
      );
      body.append(row);
    }
    if (result.events.length === 0) {
      const row = Dash.el("tr", null, "empty");
      const cell = Dash.el("td", "No events.");
      cell.colSpan = 5;
      row.append(cell);
      body.append(row);
    }
    document.getElementById("page-label").textContent = "page " + (page + 1);
    document.getElementById("newer").disabled = page === 0;
    document.getElementById("older").disabled = !result.hasMore;
  }

  function go(delta) {
    page = Math.max(0, page + delta);
    load().catch((e) => {
      document.getElementById("page-label").textContent = "could not load: " + e.message;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("newer").addEventListener("click", () => go(-1));
    document.getElementById("older").addEventListener("click", () => go(1));
    document.getElementById("refresh").addEventListener("click", () => go(0));
    go(0);
  });
})();

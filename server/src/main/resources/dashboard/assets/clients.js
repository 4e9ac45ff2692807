// Clients: the connection list, refreshed every two seconds, with sorting, a filter and the admin
// actions (each a POST carrying the page's CSRF token).
"use strict";

(() => {
  const REFRESH_MS = 2000;
  let clients = [];
  let sortKey = "username";
  let ascending = true;

  function compare(a, b) {
    const x = a[sortKey];
    const y = b[sortKey];
    const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    return ascending ? order : -order;
  }

  function matches(c, filter) {
    return !filter || c.username.toLowerCase().includes(filter) || c.address.toLowerCase().includes(filter);
  }

  function button(label, action, user, danger) {
    const b = Dash.el("button", label, danger ? "danger" : "");
    b.type = "button";
    b.dataset.action = action;
    b.dataset.user = user;
    return b;
  }

  function render() {
    const filter = document.getElementById("filter").value.trim().toLowerCase();
    const shown = clients.filter((c) => matches(c, filter)).sort(compare);
    const body = document.querySelector("#clients tbody");
    body.replaceChildren();
    for (const c of shown) {
      const row = document.createElement("tr");
      row.dataset.user = c.username;
      row.append(
        Dash.el("td", c.username || "(not logged in)"),
        Dash.el("td", c.address),
        Dash.el("td", Dash.time(c.since)),
        Dash.el("td", Dash.count(c.framesIn), "num"),
        Dash.el("td", Dash.count(c.framesOut), "num"),
        Dash.el("td", Dash.bytes(c.bytesIn), "num"),
        Dash.el("td", Dash.bytes(c.bytesOut), "num")
      );
      const actions = Dash.el("td", null, "actions");
      if (c.username) {
        actions.append(button("Disconnect", "disconnect", c.username), button("Lock", "lock", c.username, true));
      }
      row.append(actions);
      body.append(row);
    }
    if (shown.length === 0) {
      const row = Dash.el("tr", null, "empty");
      const cell = Dash.el("td", clients.length ? "No client matches the filter." : "No client is connected.");
      cell.colSpan = 8;
      row.append(cell);
      body.append(row);
    }
    document.getElementById("client-count").textContent =
      shown.length + " of " + clients.length + " connection" + (clients.length === 1 ? "" : "s");
    document.querySelectorAll("#clients th[data-key]").forEach((th) => {
      th.setAttribute("aria-sort", th.dataset.key === sortKey ? (ascending ? "ascending" : "descending") : "none");
    });
  }

  function renderLocked(names) {
    const body = document.querySelector("#locked tbody");
    body.replaceChildren();
    for (const name of names) {
      const row = document.createElement("tr");
      row.dataset.user = name;
      const actions = Dash.el("td", null, "actions");
      actions.append(button("Unlock", "unlock", name));
      row.append(Dash.el("td", name), actions);
      body.append(row);
    }
    if (names.length === 0) {
      const row = Dash.el("tr", null, "empty");
      const cell = Dash.el("td", "No account is locked.");
      cell.colSpan = 2;
      row.append(cell);
      body.append(row);
    }
  }

  async function refresh() {
    try {
      const [list, locked] = await Promise.all([Dash.getJson("/api/clients"), Dash.getJson("/api/accounts/locked")]);
      clients = list;
      render();
      renderLocked(locked);
    } catch (e) {
      document.getElementById("action-message").textContent = "Could not refresh: " + e.message;
    }
  }

  const QUESTIONS = {
    disconnect: (u) => "Disconnect " + u + "? The client may connect again.",
    lock: (u) => "Lock " + u + "? The account is disconnected and cannot log in until unlocked.",
    unlock: (u) => "Unlock " + u + "?",
  };
  const URLS = {
    disconnect: (u) => "/api/sessions/" + encodeURIComponent(u) + "/disconnect",
    lock: (u) => "/api/accounts/" + encodeURIComponent(u) + "/lock",
    unlock: (u) => "/api/accounts/" + encodeURIComponent(u) + "/unlock",
  };

  async function act(action, user) {
    if (!window.confirm(QUESTIONS[action](user))) return;
    const result = await Dash.post(URLS[action](user));
    document.getElementById("action-message").textContent =
      (result.ok ? "Done: " : "Failed: ") + (result.body.message || "HTTP " + result.status) + " (" + user + ")";
    await refresh();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("filter").addEventListener("input", render);
    document.querySelectorAll("#clients th[data-key]").forEach((th) =>
      th.addEventListener("click", () => {
        ascending = sortKey === th.dataset.key ? !ascending : true;
        sortKey = th.dataset.key;
        render();
      })
    );
    document.querySelector("main").addEventListener("click", (event) => {
      const b = event.target.closest("button[data-action]");
      if (b) act(b.dataset.action, b.dataset.user).catch((e) => {
        document.getElementById("action-message").textContent = "Failed: " + e.message;
      });
    });
    refresh();
    setInterval(refresh, REFRESH_MS);
  });
})();

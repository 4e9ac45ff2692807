// Overview: the cards follow the live feed (server-sent events); the charts start from the
// server's one-hour history and grow with each event. The charts are uPlot's; nothing is drawn here.
"use strict";

(() => {
  const WINDOW_SECONDS = 3600;
  const charts = [];

  // One chart: the series it shows and how to read each of them out of a status event.
  function chart(id, series, fromHistory, fromStatus, format) {
    const target = document.getElementById(id);
    const opts = {
      width: Math.max(300, target.clientWidth),
      height: 220,
      // At least a minute wide, so a young server's few samples do not get sub-second ticks.
      scales: { x: { time: true, range: (u, min, max) => (max == null ? [min, max] : [Math.min(min, max - 60), max]) } },
      series: [{}].concat(
        series.map((s) => ({ label: s.label, stroke: s.color, width: 2, fill: s.fill, points: { show: false } }))
      ),
      axes: [{}, { size: 70, values: (u, vals) => vals.map((v) => (v == null ? "" : format(v))) }],
      legend: { live: true },
    };
    const data = [[]].concat(series.map(() => []));
    const plot = new uPlot(opts, data, target);
    const entry = { plot, data, fromStatus, target };
    charts.push(entry);
    return (history) => {
      // Copies: the charts share the history's time column, and each appends to its own.
      entry.data = fromHistory(history).map((column) => Array.from(column));
      plot.setData(entry.data);
    };
  }

  function append(entry, status) {
    const t = Math.floor(Date.parse(status.sampledAt) / 1000);
    const values = entry.fromStatus(status);
    const last = entry.data[0].length ? entry.data[0][entry.data[0].length - 1] : -1;
    if (t <= last) return;
    entry.data[0].push(t);
    values.forEach((v, i) => entry.data[i + 1].push(v));
    while (entry.data[0].length && entry.data[0][0] < t - WINDOW_SECONDS) {
      entry.data.forEach((column) => column.shift());
    }
    entry.plot.setData(entry.data);
  }

  function setText(id, text) {
    document.getElementById(id).textContent = text;
  }

  // "2 of 3 nodes up" and each node with its sessions; a node alone says so.
  function showCluster(cluster) {
    if (!cluster.enabled) {
      setText("cluster", "single node");
      setText("cluster-nodes", "no cluster configured");
      return;
    }
    setText("cluster", cluster.nodesUp + " of " + cluster.nodes.length + " nodes up");
    const parts = cluster.nodes.map(
      (n) => n.node + (n.up ? " (" + Dash.count(n.sessions) + " sessions)" : " (down)"));
    if (!cluster.redisConnected) {
      parts.unshift("Redis unreachable from this node");
    }
    setText("cluster-nodes", parts.join(" · "));
  }

  function show(status) {
    const state = document.getElementById("status");
    state.textContent = status.status;
    state.className = "big " + status.status;
    setText("uptime", Dash.duration(status.uptimeSeconds));
    setText("version", status.version);
    setText("node", status.node);
    setText("connections", Dash.count(status.connections));
    setText("sessions", Dash.count(status.sessions));
    setText("registered", Dash.count(status.registeredUsers));
    setText("messages-in", Dash.rate(status.messagesInPerSecond));
    setText("messages-out", Dash.rate(status.messagesOutPerSecond));
    setText("messages-stored", Dash.count(status.totals.messagesStored));
    setText("messages-delivered", Dash.count(status.totals.messagesDelivered));
    setText("bytes-in", Dash.bytes(status.bytesInPerSecond));
    setText("bytes-out", Dash.bytes(status.bytesOutPerSecond));
    setText("pending", Dash.count(status.pendingMessages));
    setText("failed-logins", Dash.count(status.failedLoginsLastHour));
    showCluster(status.cluster);
    charts.forEach((entry) => append(entry, status));
  }

  function liveState(text, down) {
    const p = document.getElementById("live-state");
    p.textContent = text;
    p.classList.toggle("down", down);
  }

  function connect() {
    const source = new EventSource("/api/live");
    source.addEventListener("status", (event) => {
      show(JSON.parse(event.data));
      liveState("live · updated " + new Date().toLocaleTimeString("en-GB"), false);
    });
    source.onerror = () => {
      liveState("connection lost; reconnecting…", true);
      // EventSource retries by itself, but not after a 401: find out whether the session ended.
      Dash.getJson("/api/status").catch(() => {});
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, 3000);
      }
    };
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const loaders = [
      chart(
        "chart-clients",
        [
          { label: "connections", color: "#2f6fde", fill: "rgba(47,111,222,0.08)" },
          { label: "logged in", color: "#1f8a4c" },
        ],
        (h) => [h.time, h.connections, h.sessions],
        (s) => [s.connections, s.sessions],
        Dash.count
      ),
      chart(
        "chart-messages",
        [
          { label: "in /s", color: "#2f6fde" },
          { label: "out /s", color: "#e07b00" },
        ],
        (h) => [h.time, h.messagesIn, h.messagesOut],
        (s) => [s.messagesInPerSecond, s.messagesOutPerSecond],
        Dash.rate
      ),
      chart(
        "chart-bytes",
        [
          { label: "in /s", color: "#2f6fde" },
          { label: "out /s", color: "#e07b00" },
        ],
        (h) => [h.time, h.bytesIn, h.bytesOut],
        (s) => [s.bytesInPerSecond, s.bytesOutPerSecond],
        Dash.bytes
      ),
      chart(
        "chart-queue",
        [
          { label: "pending envelopes", color: "#7a4fd6" },
          { label: "failed logins (1 h)", color: "#c2352b" },
        ],
        (h) => [h.time, h.pendingMessages, h.failedLoginsLastHour],
        (s) => [s.pendingMessages, s.failedLoginsLastHour],
        Dash.count
      ),
    ];
    try {
      const history = await Dash.getJson("/api/history");
      loaders.forEach((load) => load(history));
    } catch (e) {
      liveState("could not load the history: " + e.message, true);
    }
    window.addEventListener("resize", () =>
      charts.forEach((c) => c.plot.setSize({ width: Math.max(300, c.target.clientWidth), height: 220 }))
    );
    connect();
  });
})();

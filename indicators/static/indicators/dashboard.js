// Draws the dashboard charts from the JSON the page embeds (no data is fetched).
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var palette = ["#8b1a1a", "#c0504d", "#d99694", "#4f6d7a", "#9bbb59", "#f79646", "#8064a2", "#4bacc6"];
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var trend = data("data-trend");
  var t = echarts.init(document.getElementById("chart-trend"));
  t.setOption({
    color: palette, tooltip: { trigger: "axis" }, legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: "category", data: trend.months }, yAxis: { type: "value", minInterval: 1 },
    series: trend.series.map(function (s) { return { name: s.name, type: "line", data: s.data }; })
  });
  var types = data("data-types");
  var p = echarts.init(document.getElementById("chart-types"));
  p.setOption({
    color: palette, tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    series: [{ type: "pie", radius: ["35%", "70%"], data: types, label: { formatter: "{b}\n{c}" } }]
  });
  window.addEventListener("resize", function () { t.resize(); p.resize(); });
})();

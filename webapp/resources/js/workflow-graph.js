/*
 * The designer's graph: a workflow's states as boxes with the contacts inside each, the ways
 * between them as arrows. Apache ECharts (shipped in the WAR from its WebJar) draws it as SVG from
 * the JSON that the page keeps in a hidden element; the page's poll refreshes that element every
 * few seconds and calls refresh(). Boxes sit on a hidden grid of columns (the order contacts go
 * through the states) and rows, so their size never depends on how many there are.
 */
(function () {
  'use strict';
  var chart = null;
  var elementId = null;
  var dataId = null;

  function read() {
    var el = document.getElementById(dataId);
    if (!el) {
      return { nodes: [], arrows: [] };
    }
    try {
      return JSON.parse(el.textContent || '{}');
    } catch (e) {
      return { nodes: [], arrows: [] };
    }
  }

  function text(value) {
    return function () { return value; };
  }

  function extent(nodes, key) {
    return nodes.reduce(function (m, n) { return Math.max(m, n[key]); }, 0) + 1;
  }

  function option(graph) {
    var nodes = graph.nodes || [];
    var columns = extent(nodes, 'column');
    var rows = extent(nodes, 'row');
    var data = nodes.map(function (n) {
      return {
        id: n.id,
        name: n.id,
        value: [n.column, n.row],
        label: { formatter: text(n.label) },
        itemStyle: {
          color: n.problem ? '#b91c1c' : (n.start ? '#1f4e79' : '#3b82c4'),
          borderColor: '#0f2740',
          borderWidth: n.start ? 3 : 0
        }
      };
    });
    var links = (graph.arrows || []).map(function (a) {
      var curved = a.back ? 0.35 : (a.span > 1 ? 0.3 : 0);
      return {
        source: a.source,
        target: a.target,
        label: { show: !!a.label, formatter: text(a.label) },
        lineStyle: { curveness: curved, type: a.back ? 'dashed' : 'solid' }
      };
    });
    var axis = { show: false, type: 'value' };
    return {
      animation: false,
      aria: { enabled: true },
      grid: { left: 0, right: 0, top: 0, bottom: 0 },
      xAxis: Object.assign({ min: -0.5, max: columns - 0.5 }, axis),
      // room above the first row for the arcs of the ways that skip a state
      yAxis: Object.assign({ min: -0.9, max: rows - 0.4, inverse: true }, axis),
      series: [{
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        symbol: 'roundRect',
        symbolSize: [136, 60],
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: [0, 11],
        label: {
          show: true, position: 'inside', color: '#fff', fontSize: 13, lineHeight: 18,
          width: 126, overflow: 'truncate'
        },
        edgeLabel: {
          fontSize: 11, lineHeight: 13, color: '#334155', width: 96, overflow: 'break'
        },
        lineStyle: { color: '#64748b', width: 1.6, opacity: 0.9 },
        emphasis: { disabled: true },
        data: data,
        links: links
      }]
    };
  }

  function fit(el, graph) {
    var rows = extent(graph.nodes || [], 'row');
    el.style.height = Math.max(200, rows * 120 + 90) + 'px';
  }

  window.WorkflowGraph = {
    draw: function (element, data) {
      elementId = element;
      dataId = data;
      var el = document.getElementById(elementId);
      if (!el || !window.echarts) {
        return;
      }
      var graph = read();
      fit(el, graph);
      chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option(graph), true);
      window.addEventListener('resize', function () { chart.resize(); });
    },
    refresh: function () {
      if (!chart) {
        if (elementId) {
          this.draw(elementId, dataId);
        }
        return;
      }
      var graph = read();
      var el = document.getElementById(elementId);
      var before = el.style.height;
      fit(el, graph);
      if (el.style.height !== before) {
        chart.resize();
      }
      chart.setOption(option(graph), true);
    }
  };
})();

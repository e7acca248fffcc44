// Charts drawn with Chart.js (the WebJar org.webjars.npm:chart.js, loaded by index.html).

import { fmt1 } from './dom.js';

const charts = new Map();

function library() {
  if (!window.Chart) {
    throw new Error('The chart library did not load (/webjars/chart.js).');
  }
  return window.Chart;
}

function replace(canvas, config) {
  const old = charts.get(canvas);
  if (old) {
    old.destroy();
  }
  const Chart = library();
  const chart = new Chart(canvas, config);
  charts.set(canvas, chart);
  return chart;
}

const BAR = 'rgba(197, 61, 47, 0.55)';
const BAR_BORDER = 'rgb(160, 42, 30)';
const WHISKER = 'rgb(40, 40, 48)';

/**
 * One button laid over each bar, so that a keyboard reaches the bars a mouse clicks: Tab moves from
 * bar to bar (the focused bar shows its tooltip and a focus ring), Enter or Space picks it as a
 * click does, and its accessible name says what the bar shows ("5. large (in size): 264.7
 * attributable detractors, 95% interval 176.0 to 353.4"). The buttons let the mouse through to the
 * canvas (pointer-events: none), so hover and click work as before. Made once per chart and moved
 * on every render (a tooltip's update renders again; remaking them would lose the focus).
 */
function barKeys(rows, onPick, name) {
  return {
    id: 'earfulBarKeys',
    afterRender(chart) {
      const meta = chart.getDatasetMeta(0);
      let box = chart.$barKeys;
      if (!box) {
        box = document.createElement('div');
        box.className = 'bar-keys';
        rows.forEach((t, i) => {
          const key = document.createElement('button');
          key.type = 'button';
          key.className = 'bar-key';
          key.setAttribute('aria-label', name(t, i));
          key.addEventListener('click', () => onPick(t));
          key.addEventListener('focus', () => showTip(chart, i));
          key.addEventListener('blur', () => showTip(chart, -1));
          box.append(key);
        });
        chart.canvas.after(box);
        chart.$barKeys = box;
      }
      const left = chart.canvas.offsetLeft;
      const top = chart.canvas.offsetTop;
      [...box.children].forEach((key, i) => {
        const bar = meta.data[i];
        if (!bar) {
          return;
        }
        const { x, y, base, height } = bar.getProps(['x', 'y', 'base', 'height'], true);
        const width = Math.max(8, Math.abs(x - base));
        Object.assign(key.style, {
          left: left + Math.min(x, base) + 'px',
          top: top + y - height / 2 + 'px',
          width: width + 'px',
          height: height + 'px',
        });
      });
    },
    afterDestroy(chart) {
      if (chart.$barKeys) {
        chart.$barKeys.remove();
        chart.$barKeys = null;
      }
    },
  };
}

/** Shows the tooltip of bar i as a hover would (none when i is -1). */
function showTip(chart, i) {
  const active = i < 0 ? [] : [{ datasetIndex: 0, index: i }];
  const at = i < 0 ? undefined : chart.getDatasetMeta(0).data[i].tooltipPosition();
  chart.setActiveElements(active);
  chart.tooltip.setActiveElements(active, at);
  chart.update();
}

/** "264.7 attributable detractors, 95% interval 176.0 to 353.4", as the tooltip says it. */
function barText(t) {
  const a = t.attributableDetractors;
  const ci = Array.isArray(a.ci95) && a.ci95.length === 2
    ? ', 95% interval ' + fmt1(a.ci95[0]) + ' to ' + fmt1(a.ci95[1])
    : '';
  return fmt1(a.value) + ' attributable detractors' + ci;
}

/**
 * Horizontal bars of attributable detractors per theme, with the 95% interval drawn over each bar
 * as a thin floating bar from its lower to its upper bound (Chart.js floating bars). The axis shows
 * tickLabel(theme, index) when given (the data labels stay the themes' names, for the tooltips).
 * With onPick, each bar is a button for the keyboard too (barKeys).
 */
export function impactChart(canvas, themes, onPick, tickLabel) {
  const rows = themes.filter((t) => t.attributableDetractors && Number.isFinite(t.attributableDetractors.value));
  const labels = rows.map((t) => t.name);
  const values = rows.map((t) => t.attributableDetractors.value);
  const intervals = rows.map((t) => {
    const ci = t.attributableDetractors.ci95;
    return Array.isArray(ci) && ci.length === 2 ? [ci[0], ci[1]] : null;
  });
  canvas.parentElement.style.height = Math.max(140, 28 * rows.length + 60) + 'px';
  const label = (t, i) => (tickLabel ? tickLabel(t, i) : t.name);
  return replace(canvas, {
    type: 'bar',
    plugins: onPick ? [barKeys(rows, onPick, (t, i) => label(t, i) + ': ' + barText(t))] : [],
    data: {
      labels,
      datasets: [
        {
          label: 'Attributable detractors',
          data: values,
          backgroundColor: BAR,
          borderColor: BAR_BORDER,
          borderWidth: 1,
          grouped: false,
          order: 2,
        },
        {
          label: '95% interval',
          data: intervals,
          backgroundColor: WHISKER,
          borderColor: WHISKER,
          borderWidth: 0,
          barPercentage: 0.12,
          categoryPercentage: 1,
          grouped: false,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      responsive: true,
      scales: {
        x: {
          title: { display: true, text: 'Attributable detractors' },
          beginAtZero: true,
          ticks: {
            // Chart.js's own tick format (its decimals follow the step), with a true minus below
            // zero as the tooltips write it (fmt1): the axis read "-6" under a bar's "−6.2".
            callback(value, index, ticks) {
              return library().Ticks.formatters.numeric.call(this, value, index, ticks).replace('-', '−');
            },
          },
        },
        y: {
          ticks: {
            autoSkip: false,
            callback(value, index) {
              return label(rows[index], index);
            },
          },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label(item) {
              const raw = item.raw;
              return Array.isArray(raw)
                ? '95% interval: ' + fmt1(raw[0]) + ' to ' + fmt1(raw[1])
                : 'Attributable detractors: ' + fmt1(Number(raw));
            },
          },
        },
      },
      onClick(event, elements) {
        if (elements.length && onPick) {
          onPick(rows[elements[0].index]);
        }
      },
      onHover(event, elements) {
        event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    },
  });
}

/** Share and detractor rate of one theme per period, on one percentage axis. */
export function trendChart(canvas, points) {
  return replace(canvas, {
    type: 'line',
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: 'Share of comments',
          data: points.map((p) => (Number.isFinite(p.share) ? p.share * 100 : null)),
          borderColor: 'rgb(31, 78, 121)',
          backgroundColor: 'rgba(31, 78, 121, 0.2)',
          spanGaps: true,
          tension: 0.2,
        },
        {
          label: 'Detractor rate among mentions',
          data: points.map((p) => (Number.isFinite(p.detractorRate) ? p.detractorRate * 100 : null)),
          borderColor: BAR_BORDER,
          backgroundColor: BAR,
          spanGaps: true,
          tension: 0.2,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      responsive: true,
      scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

export function clearChart(canvas) {
  const old = charts.get(canvas);
  if (old) {
    old.destroy();
    charts.delete(canvas);
  }
}

"""A trace as an HTML table, so that Jupyter shows ``nk.explain(...)`` as something to read.

One table, a heading row per phase (feedforward, cost, BP1–BP4, the SGD step), then one row
per quantity: the equation's name, the symbol, its value and the equation that computed it.
"""

from __future__ import annotations

from html import escape


def trace_html(trace, digits: int = 9) -> str:
    from neurokit.lessons.explain import PHASE_TITLES, format_value

    caption = (
        f"explain: {'-'.join(map(str, trace.sizes))} net ({', '.join(trace.neurons)}), "
        f"{trace.cost} cost, η = {trace.eta:g}"
    )
    rows, phase = [], None
    for step in trace.steps:
        if step.phase != phase:
            phase = step.phase
            title = escape(PHASE_TITLES.get(phase, phase))
            rows.append(f'<tr><th colspan="4" style="text-align:left">{title}</th></tr>')
        equation = escape(step.equation) + (f"<br>= {escape(step.detail)}" if step.detail else "")
        rows.append(
            f"<tr><td>{escape(step.label)}</td><td><b>{escape(step.symbol)}</b></td>"
            f'<td style="text-align:left"><code>{escape(format_value(step.value, digits))}</code>'
            f'</td><td style="text-align:left">{equation}</td></tr>'
        )
    head = "<tr><th>eq.</th><th>symbol</th><th>value</th><th>computed by</th></tr>"
    return (
        f"<table><caption>{escape(caption)}</caption><thead>{head}</thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )

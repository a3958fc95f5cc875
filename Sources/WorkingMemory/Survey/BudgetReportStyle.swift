/// The budget report page's inline style sheet: layout, tables and the charts' colours.
///
/// The charts name their colours by class (`bar`, `budget`, `p50`, `p95`, `max`, `rule-budget`, …), so the
/// SVG and the legends agree. Nothing is loaded from elsewhere: system fonts only.
enum BudgetReportStyle {
    static let css = """
        body { font-family: system-ui, "DejaVu Sans", sans-serif; color: #1b1f24; background: #ffffff; \
        margin: 24px auto; max-width: 1000px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
        h3 { font-size: 16px; margin: 20px 0 6px; }
        p.lead { color: #57606a; margin: 0 0 16px; }
        table { border-collapse: collapse; margin: 8px 0 12px; }
        th, td { border: 1px solid #d0d7de; padding: 3px 10px; text-align: right; }
        th { background: #f0f3f6; }
        td.name, th.name { text-align: left; }
        svg { display: block; margin: 8px 0; background: #fbfcfd; border: 1px solid #e4e8ec; }
        svg text { font-size: 12px; fill: #1b1f24; }
        svg text.small { font-size: 10px; }
        pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: 10px; overflow-x: auto; \
        white-space: pre-wrap; font-size: 12px; }
        .legend { list-style: none; padding: 0; margin: 4px 0 12px; }
        .legend li { display: inline-block; margin-right: 18px; }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
        .axis { stroke: #57606a; stroke-width: 1; }
        .bar { fill: #4a78c2; }
        .budget { stroke: #d62728; stroke-width: 3; }
        .p50 { stroke: #2ca02c; stroke-width: 2; stroke-dasharray: 6 4; }
        .p95 { stroke: #ff7f0e; stroke-width: 2; stroke-dasharray: 6 4; }
        .seg-p50 { fill: #1f4e9c; } .seg-p95 { fill: #6d9be0; } .seg-max { fill: #c3d6f5; }
        .rule-budget { fill: #d62728; background: #d62728; }
        .rule-cap { fill: #9467bd; background: #9467bd; }
        .rule-truncated { fill: #ff7f0e; background: #ff7f0e; }
        .rule-limit { fill: #7f7f7f; background: #7f7f7f; }
        .seg-p50.swatch { background: #1f4e9c; } .seg-p95.swatch { background: #6d9be0; }
        .seg-max.swatch { background: #c3d6f5; }
        """
}

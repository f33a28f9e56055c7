/// Small inline SVG charts generated at build time: no JavaScript, `role="img"`, a `<title>` and a
/// `<desc>` that state the numbers (which also appear in a table beside the chart), patterns that
/// read in grayscale, and a `viewBox` so they scale down to 320 px.
enum SVGChart {
    /// A horizontal bar: progress against a target marker.
    static func progressBar(id: String, title: String, description: String, percent: Double, target: Int) -> String {
        let width = 300.0
        let bar = max(0, min(100, percent)) * width / 100
        let mark = Double(target) * width / 100
        return """
        <svg class="chart" viewBox="0 0 300 28" width="100%" role="img" aria-labelledby="\(id)-t \(id)-d" focusable="false">\
        <title id="\(id)-t">\(Format.escape(title))</title><desc id="\(id)-d">\(Format.escape(description))</desc>\
        <rect width="300" height="20" y="4" class="chart-track"/>\
        <rect width="\(fmt(bar))" height="20" y="4" class="chart-bar"/>\
        <rect x="\(fmt(max(0, mark - 1.5)))" width="3" height="28" class="chart-target"/></svg>
        """
    }

    /// A trend line across snapshots (percentages 0–100), with a dashed target line.
    static func trend(id: String, title: String, description: String, points: [Double], target: Int) -> String {
        let w = 300.0, h = 100.0, pad = 6.0
        let n = points.count
        func x(_ i: Int) -> Double { n <= 1 ? w / 2 : pad + Double(i) * (w - 2 * pad) / Double(n - 1) }
        func y(_ v: Double) -> Double { h - pad - max(0, min(100, v)) * (h - 2 * pad) / 100 }
        let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(fmt(x($0.offset))) \(fmt(y($0.element)))" }.joined()
        let dots = points.enumerated().map { "<circle cx=\"\(fmt(x($0.offset)))\" cy=\"\(fmt(y($0.element)))\" r=\"4\"/>" }.joined()
        let ty = fmt(y(Double(target)))
        return """
        <svg class="chart" viewBox="0 0 300 100" width="100%" role="img" aria-labelledby="\(id)-t \(id)-d" focusable="false">\
        <title id="\(id)-t">\(Format.escape(title))</title><desc id="\(id)-d">\(Format.escape(description))</desc>\
        <line x1="0" x2="300" y1="\(ty)" y2="\(ty)" class="chart-goal"/>\
        <path d="\(path)" class="chart-line"/><g class="chart-dots">\(dots)</g></svg>
        """
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

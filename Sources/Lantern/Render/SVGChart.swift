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

    /// A trend line across snapshots (percentages 0–100) on a labelled percent scale (0, 50, 100 %),
    /// with a dashed target line whose value is labelled in bold on the scale, and the snapshot dates
    /// under the points (at most four, so they never overlap). Text is 16 units high in a 320-unit
    /// box: about 16 px on a phone. The numbers are also in the `<desc>` and in a table beside it.
    static func trend(id: String, title: String, description: String, points: [Double], target: Int,
                      labels: [String] = []) -> String {
        let w = 320.0, h = 200.0
        let left = 56.0, right = 12.0, top = 14.0, bottom = labels.isEmpty ? 10.0 : 34.0
        let n = points.count
        func x(_ i: Int) -> Double { n <= 1 ? (left + w - right) / 2 : left + Double(i) * (w - left - right) / Double(n - 1) }
        func y(_ v: Double) -> Double { h - bottom - max(0, min(100, v)) * (h - top - bottom) / 100 }
        var out = """
        <svg class="chart chart-trend" viewBox="0 0 320 200" width="100%" role="img" aria-labelledby="\(id)-t \(id)-d" focusable="false">\
        <title id="\(id)-t">\(Format.escape(title))</title><desc id="\(id)-d">\(Format.escape(description))</desc>
        """
        func label(_ v: Int, _ cls: String) -> String {
            "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y(Double(v))))\" dy=\"5\" text-anchor=\"end\" class=\"\(cls)\">\(v)%</text>"
        }
        // The percent scale: grid lines and their values; a value too close to the target's is left
        // out so the two never overlap.
        for v in [0, 50, 100] {
            let gy = fmt(y(Double(v)))
            out += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(w - right))\" y1=\"\(gy)\" y2=\"\(gy)\" class=\"chart-grid\"/>"
            if abs(v - target) >= 12 { out += label(v, "chart-text") }
        }
        let ty = fmt(y(Double(target)))
        out += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(w - right))\" y1=\"\(ty)\" y2=\"\(ty)\" class=\"chart-goal\"/>"
        out += label(target, "chart-text chart-goal-text")
        let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(fmt(x($0.offset))) \(fmt(y($0.element)))" }.joined()
        let dots = points.enumerated().map { "<circle cx=\"\(fmt(x($0.offset)))\" cy=\"\(fmt(y($0.element)))\" r=\"5\"/>" }.joined()
        out += "<path d=\"\(path)\" class=\"chart-line\"/><g class=\"chart-dots\">\(dots)</g>"
        if labels.count == n, n > 0 {
            for i in labeled(n) {
                let anchor = n == 1 ? "middle" : i == 0 ? "start" : i == n - 1 ? "end" : "middle"
                let lx = n == 1 ? x(i) : i == 0 ? x(i) - 5 : i == n - 1 ? x(i) + 5 : x(i)
                out += "<text x=\"\(fmt(lx))\" y=\"\(fmt(h - 8))\" text-anchor=\"\(anchor)\" class=\"chart-text\">\(Format.escape(labels[i]))</text>"
            }
        }
        return out + "</svg>"
    }

    /// Which of `n` points get a date label: all when four or fewer; else the first, the last and
    /// two evenly between.
    static func labeled(_ n: Int) -> [Int] {
        guard n > 4 else { return Array(0..<n) }
        return [0, (n - 1) / 3, 2 * (n - 1) / 3, n - 1]
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

import Templates
/// View values for the progress dashboard, snapshot pages and locality rows, with SVG charts.
struct ProgressViews {
    let site: Site
    let language: Language

    func s(_ key: String) -> String { site.strings.string(key, language) }

    enum Status: String { case met, onTrack = "on_track", behind }

    /// Met at or above the target; on track within 10 percentage points of it; behind otherwise.
    static func status(percent: Double, target: Int) -> Status {
        if percent >= Double(target) { return .met }
        return percent >= Double(target) - 10 ? .onTrack : .behind
    }

    func countText(_ c: Snapshot.Count) -> String {
        "\(Format.number(c.reached, language))/\(Format.number(c.total, language))"
    }

    /// Province-wide figures for each indicator in a snapshot, with a bar chart each.
    func indicators(_ snapshot: Snapshot) -> [TemplateObject] {
        site.reference.targets.indicators.compactMap { indicator -> TemplateObject? in
            guard let total = snapshot.total(indicator.id) else { return nil }
            let status = Self.status(percent: total.percent, target: indicator.target)
            let pct = Format.percent(total.percent, language)
            let name = indicator.name(language)
            let desc = "\(pct) \(s("of_target_sep")) \(indicator.target)% (\(countText(total)))"
            return [
                "id": indicator.id, "name": name, "percent": pct, "target": "\(indicator.target)%",
                "count": countText(total), "status": status.rawValue, "status_label": s("status_\(status.rawValue)"),
                "chart": SVGChart.progressBar(id: "c-\(snapshot.id)-\(indicator.id)", title: name, description: desc,
                                              percent: total.percent, target: indicator.target),
            ]
        }
    }

    /// One table per indicator: every locality's figure.
    func tables(_ snapshot: Snapshot) -> [TemplateObject] {
        site.reference.targets.indicators.compactMap { indicator -> TemplateObject? in
            let rows = snapshot.rows.compactMap { row -> TemplateObject? in
                guard let c = row.counts[indicator.id], let l = site.reference.locality(row.locality) else { return nil }
                let status = Self.status(percent: c.percent, target: indicator.target)
                return ["name": l.name(language), "url": Section.localities.url(language, slug: l.id),
                        "percent": Format.percent(c.percent, language), "count": countText(c),
                        "status": status.rawValue, "status_label": s("status_\(status.rawValue)")]
            }
            guard !rows.isEmpty else { return nil }
            return ["id": indicator.id, "name": indicator.name(language), "target": "\(indicator.target)%", "rows": rows]
        }
    }

    /// For each indicator: the province-wide percentage at each snapshot, as a line chart and a table.
    func trends() -> [TemplateObject] {
        let snapshots = site.snapshots
        guard snapshots.count > 1 else { return [] }
        return site.reference.targets.indicators.compactMap { indicator -> TemplateObject? in
            let points = snapshots.compactMap { snap in snap.total(indicator.id).map { (snap, $0) } }
            guard points.count > 1 else { return nil }
            let name = indicator.name(language)
            let desc = points.map { "\(Format.date($0.0.asOf, language)): \(Format.percent($0.1.percent, language))" }
                .joined(separator: "; ") + ". \(s("target")): \(indicator.target)%."
            return [
                "id": indicator.id, "name": name, "target": "\(indicator.target)%",
                "chart": SVGChart.trend(id: "t-\(indicator.id)", title: name, description: desc,
                                        points: points.map(\.1.percent), target: indicator.target),
                "points": points.map { ["date": Format.date($0.0.asOf, language), "percent": Format.percent($0.1.percent, language),
                                        "count": countText($0.1)] },
            ]
        }
    }

    func snapshotSummary(_ snapshot: Snapshot) -> TemplateObject {
        let base = Section.progress.url(language, slug: snapshot.id)
        return [
            "id": snapshot.id, "url": base, "as_of": Format.date(snapshot.asOf, language), "as_of_iso": snapshot.asOf.iso,
            "source": snapshot.source, "illustrative": snapshot.illustrative,
            "csv_url": Section.progress.url(.default, slug: snapshot.id) + "\(snapshot.id).csv",
            "json_url": Section.progress.url(.default, slug: snapshot.id) + "\(snapshot.id).json",
        ]
    }

    /// A locality's rows in the latest snapshot.
    func localityRows(_ localityID: String) -> [TemplateObject] {
        guard let latest = site.snapshots.last, let row = latest.rows.first(where: { $0.locality == localityID }) else { return [] }
        return site.reference.targets.indicators.compactMap { indicator -> TemplateObject? in
            guard let c = row.counts[indicator.id] else { return nil }
            let status = Self.status(percent: c.percent, target: indicator.target)
            return ["name": indicator.name(language), "percent": Format.percent(c.percent, language), "count": countText(c),
                    "target": "\(indicator.target)%", "status": status.rawValue, "status_label": s("status_\(status.rawValue)")]
        }
    }

    // MARK: - Downloads

    static func csv(_ snapshot: Snapshot, reference: ReferenceData) -> String {
        var lines = ["locality,indicator,total,reached,percent,target"]
        for row in snapshot.rows {
            for indicator in reference.targets.indicators {
                guard let c = row.counts[indicator.id] else { continue }
                // Only the two text columns can carry what an author typed; the numbers are Lantern's.
                lines.append("\(csvCell(row.locality)),\(csvCell(indicator.id)),\(c.total),\(c.reached),\(String(format: "%.1f", c.percent)),\(indicator.target)")
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV cell (RFC 4180 quoting). A text cell that a spreadsheet would run as a formula
    /// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, as OWASP
    /// recommends.
    static func csvCell(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            cell = "'" + cell
        }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }

    static func json(_ snapshot: Snapshot, reference: ReferenceData) -> String {
        func q(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }
        let rows = snapshot.rows.map { row -> String in
            let counts = reference.targets.indicators.compactMap { i -> String? in
                row.counts[i.id].map { "\(q(i.id)): {\"total\": \($0.total), \"reached\": \($0.reached)}" }
            }
            return "    \(q(row.locality)): {\(counts.joined(separator: ", "))}"
        }
        return """
        {
          "id": \(q(snapshot.id)),
          "as_of": \(q(snapshot.asOf.iso)),
          "source": \(q(snapshot.source)),
          "illustrative": \(snapshot.illustrative),
          "localities": {
        \(rows.joined(separator: ",\n"))
          }
        }

        """
    }
}

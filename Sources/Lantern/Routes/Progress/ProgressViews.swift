import Templates
/// Views of the progress dashboard, snapshot pages and locality rows, with SVG charts.
struct ProgressViews {
    let site: Site
    let language: Language

    func s(_ key: String) -> String { site.strings.string(key, language) }

    enum Status: String { case met, onTrack = "on_track", behind, missed }

    /// Met at or above the target; missed when below it on a snapshot taken after the deadline;
    /// before the deadline, on track within 10 percentage points of the target, behind otherwise.
    static func status(percent: Double, target: Int, asOf: LocalDate? = nil, deadline: LocalDate? = nil) -> Status {
        if percent >= Double(target) { return .met }
        if let asOf, let deadline, asOf > deadline { return .missed }
        return percent >= Double(target) - 10 ? .onTrack : .behind
    }

    func countText(_ c: Snapshot.Count) -> String {
        "\(Format.number(c.reached, language))/\(Format.number(c.total, language))"
    }

    /// Province-wide figures for each indicator in a snapshot, with a bar chart each.
    func indicators(_ snapshot: Snapshot) -> [Figure] {
        site.reference.targets.indicators.compactMap { indicator -> Figure? in
            guard let total = snapshot.total(indicator.id) else { return nil }
            let name = indicator.name(language)
            var figure = self.figure(name: name, total, target: indicator.target, asOf: snapshot.asOf)
            figure.id = indicator.id
            let desc = "\(figure.percent) \(s("of_target_sep")) \(indicator.target)% (\(figure.count))"
            figure.chart = SVGChart.progressBar(id: "c-\(snapshot.id)-\(indicator.id)", title: name, description: desc,
                                                percent: total.percent, target: indicator.target)
            return figure
        }
    }

    /// One figure: a count against its total, its percentage and status against the target.
    func figure(name: String, _ c: Snapshot.Count, target: Int, asOf: LocalDate, url: String? = nil) -> Figure {
        let status = Self.status(percent: c.percent, target: target, asOf: asOf, deadline: site.reference.targets.deadline)
        return Figure(name: name, url: url, percent: Format.percent(c.percent, language), count: countText(c),
                      target: "\(target)%", status: status.rawValue, statusLabel: s("status_\(status.rawValue)"))
    }

    /// One table per indicator: every locality's figure.
    func tables(_ snapshot: Snapshot) -> [Table] {
        site.reference.targets.indicators.compactMap { indicator -> Table? in
            let rows = snapshot.rows.compactMap { row -> Figure? in
                guard let c = row.counts[indicator.id], let l = site.reference.locality(row.locality) else { return nil }
                return figure(name: l.name(language), c, target: indicator.target, asOf: snapshot.asOf,
                              url: Section.localities.url(language, slug: l.id))
            }
            guard !rows.isEmpty else { return nil }
            return Table(id: indicator.id, name: indicator.name(language), target: "\(indicator.target)%", rows: rows)
        }
    }

    /// For each indicator: the province-wide percentage at each snapshot, as a line chart and a table.
    func trends() -> [Trend] {
        let snapshots = site.snapshots
        guard snapshots.count > 1 else { return [] }
        return site.reference.targets.indicators.compactMap { indicator -> Trend? in
            let points = snapshots.compactMap { snap in snap.total(indicator.id).map { (snap, $0) } }
            guard points.count > 1 else { return nil }
            let name = indicator.name(language)
            let desc = points.map { "\(Format.date($0.0.asOf, language)): \(Format.percent($0.1.percent, language))" }
                .joined(separator: "; ") + ". \(s("target")): \(indicator.target)%."
            return Trend(id: indicator.id, name: name, target: "\(indicator.target)%",
                         chart: SVGChart.trend(id: "t-\(indicator.id)", title: name, description: desc,
                                               points: points.map(\.1.percent), target: indicator.target,
                                               labels: points.map { monthYear($0.0.asOf) }),
                         points: points.map { Trend.Point(date: Format.date($0.0.asOf, language),
                                                          percent: Format.percent($0.1.percent, language), count: countText($0.1)) })
        }
    }

    /// A chart's date label: "9/2026" (vi), "Sep 2026" (en).
    func monthYear(_ d: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return language == .vi ? "\(d.month)/\(d.year)" : "\(months[d.month - 1]) \(d.year)"
    }

    func snapshotSummary(_ snapshot: Snapshot) -> SnapshotSummary {
        SnapshotSummary(id: snapshot.id, url: Section.progress.url(language, slug: snapshot.id),
                        asOf: Format.date(snapshot.asOf, language), asOfISO: snapshot.asOf.iso,
                        source: snapshot.source, illustrative: snapshot.illustrative,
                        csvURL: Section.progress.url(.default, slug: snapshot.id) + "\(snapshot.id).csv",
                        jsonURL: Section.progress.url(.default, slug: snapshot.id) + "\(snapshot.id).json")
    }

    /// A locality's rows in the latest snapshot.
    func localityRows(_ localityID: String) -> [Figure] {
        guard let latest = site.snapshots.last, let row = latest.rows.first(where: { $0.locality == localityID }) else { return [] }
        return site.reference.targets.indicators.compactMap { indicator -> Figure? in
            row.counts[indicator.id].map { figure(name: indicator.name(language), $0, target: indicator.target, asOf: latest.asOf) }
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

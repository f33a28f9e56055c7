import Templates

/// A count against its total: an indicator province-wide, or one locality's row in a table.
struct Figure: ViewValue {
    var id = ""
    var name: String
    var url: String?
    var percent: String
    var count: String
    var target: String
    var status: String
    var statusLabel: String
    /// An inline SVG bar (indicators only).
    var chart = ""

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "id": return id
        case "name": return name
        case "url": return field(url)
        case "percent": return percent
        case "count": return count
        case "target": return target
        case "status": return status
        case "status_label": return statusLabel
        case "chart": return chart
        default: return nil
        }
    }
}

/// One indicator's figures for every locality.
struct Table: ViewValue {
    var id: String
    var name: String
    var target: String
    var rows: [Figure]
    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "id": return id
        case "name": return name
        case "target": return target
        case "rows": return rows
        default: return nil
        }
    }
}

/// One indicator across snapshots: a line chart and its table.
struct Trend: ViewValue {
    var id: String
    var name: String
    var target: String
    var chart: String
    var points: [Point]

    struct Point: ViewValue {
        var date: String
        var percent: String
        var count: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "date": return date
            case "percent": return percent
            case "count": return count
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "id": return id
        case "name": return name
        case "target": return target
        case "chart": return chart
        case "points": return points
        default: return nil
        }
    }
}

/// A snapshot's date, source and downloads.
struct SnapshotSummary: ViewValue {
    var id: String
    var url: String
    var asOf: String
    var asOfISO: String
    var source: String
    var illustrative: Bool
    var csvURL: String
    var jsonURL: String
    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "id": return id
        case "url": return url
        case "as_of": return asOf
        case "as_of_iso": return asOfISO
        case "source": return source
        case "illustrative": return illustrative
        case "csv_url": return csvURL
        case "json_url": return jsonURL
        default: return nil
        }
    }
}

/// The dashboard (`progress.mustache`) and a snapshot's page (`snapshot.mustache`).
struct ProgressView: ViewValue {
    var title: String
    var snapshot: SnapshotSummary
    var indicators: [Figure]
    var tables: [Table]
    /// Dashboard only.
    var trends: [Trend] = []
    var snapshots: [SnapshotSummary] = []
    var deadline: String?

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "title": return title
        case "snapshot": return snapshot
        case "indicators": return indicators
        case "tables": return tables
        case "trends": return trends
        case "has_trends": return !trends.isEmpty
        case "snapshots": return snapshots
        case "deadline": return field(deadline)
        default: return nil
        }
    }
}

import Templates

/// A page in a list (`partials/card.mustache`): title, link, summary, and a marker when it is shown
/// in Vietnamese on an English list. Events add their time and status; stories their date.
struct CardView: ViewValue {
    var title: String
    var url: String
    var summary: String
    /// Shown in the default language because the list's language has no translation.
    var fallback: Bool
    var pageLang: String
    var meta: String?
    var dateISO: String?
    var cancelled = false
    var postponed = false
    var statusLabel: String?

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "title": return title
        case "url": return url
        case "summary": return summary
        case "fallback": return fallback
        case "page_lang": return pageLang
        case "meta": return field(meta)
        case "date_iso": return field(dateISO)
        case "cancelled": return cancelled
        case "postponed": return postponed
        case "status_label": return field(statusLabel)
        default: return nil
        }
    }
}

/// What every content page shows: its title, summary and body (Vietnamese when untranslated).
struct BodyView: ViewValue {
    var title: String
    var summary: String
    var bodyHTML: String
    /// The body is the Vietnamese original shown on an English page.
    var bodyFallback: Bool
    var illustrative: Bool

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "title": return title
        case "summary": return summary
        case "body_html": return bodyHTML
        case "body_fallback": return bodyFallback
        case "illustrative": return illustrative
        default: return nil
        }
    }
}

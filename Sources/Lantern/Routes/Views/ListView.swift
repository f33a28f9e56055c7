import Templates

/// A page of a list (`list`, `events` and `guides` templates): its heading, items and pager, and
/// what some lists add — an intro, facet links, past events, a calendar.
struct ListView<Item: TemplateValue>: ViewValue {
    var heading: String
    var items: [Item]
    var pagination: PaginationView
    var extra = ListExtras()

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "heading": return heading
        case "items": return items
        case "has_items": return !items.isEmpty
        case "pagination": return pagination
        default: return extra.child(named: n)
        }
    }
}

/// What a particular list shows besides its items.
struct ListExtras: ViewValue {
    var intro: String?
    var facets: [LinkView] = []
    var facetsLabel = ""
    var past: [CardView] = []
    /// Postponed and cancelled events.
    var changed: [CardView] = []
    var calendarURL: String?

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "intro": return field(intro)
        case "facets": return facets
        case "has_facets": return !facets.isEmpty
        case "facets_label": return facetsLabel
        case "past": return past
        case "has_past": return !past.isEmpty
        case "changed": return changed
        case "has_changed": return !changed.isEmpty
        case "calendar_url": return field(calendarURL)
        default: return nil
        }
    }
}

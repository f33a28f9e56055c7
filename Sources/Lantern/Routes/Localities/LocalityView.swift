import Templates

/// A ward's or commune's page (`locality.mustache`): where to get help, its latest progress, its
/// events and stories.
struct LocalityView: ViewValue {
    var title: String
    var kindLabel: String
    var help: Help
    var sampleContact: Bool
    var stories: [CardView]
    /// Upcoming events, at most a page of them.
    var events: [CardView]
    /// Every event of the locality, on pages of their own.
    var allEvents: More
    var allStories: More
    var progressRows: [Figure]
    var progressAsOf: String
    var calendarURL: String

    /// A link to a full, paginated list, shown when the page holds only part of it.
    struct More: ViewValue {
        var url: String
        var count: Int
        var shown: Int
        var label: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "url": return url
            case "count": return count
            case "label": return label
            case "more": return count > shown
            case "any": return count > 0
            default: return nil
            }
        }
    }

    /// The locality's Community Digital Technology Team and how to reach it.
    struct Help: ViewValue {
        var team: String
        var place: String
        var hours: String
        var phone: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "team": return team
            case "place": return place
            case "hours": return hours
            case "phone": return phone
            // The phone with its number(s) as tap-to-call links.
            case "phone_parts": return PhoneText.parts(phone)
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "title": return title
        case "kind_label": return kindLabel
        case "help": return help
        case "sample_contact": return sampleContact
        case "stories": return stories
        case "has_stories": return !stories.isEmpty
        case "events": return events
        case "has_events": return !events.isEmpty
        case "all_events": return allEvents
        case "all_stories": return allStories
        case "progress_rows": return progressRows
        case "has_progress": return !progressRows.isEmpty
        case "progress_as_of": return progressAsOf
        case "calendar_url": return calendarURL
        default: return nil
        }
    }
}

import Templates

/// An event's page (`event.mustache`): when, where, status, organizer, registration and calendar.
struct EventView: ViewValue {
    var body: BodyView
    var timeText: String
    var startISO: String
    var endISO: String?
    var cancelled: Bool
    var postponed: Bool
    var statusLabel: String
    var isPast: Bool
    var locationName: String
    var address: String
    var locality: LinkView
    var organizer: String
    var contact: String
    var registration: String?
    var icsURL: String

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "time_text": return timeText
        case "start_iso": return startISO
        case "end_iso": return field(endISO)
        case "cancelled": return cancelled
        case "postponed": return postponed
        case "status_label": return statusLabel
        case "is_past": return isPast && !cancelled && !postponed
        // A calendar entry only for an event that will take place as announced.
        case "offers_calendar": return !cancelled && !postponed
        case "location_name": return locationName
        case "address": return address
        case "locality": return locality
        case "organizer": return organizer
        case "contact": return contact
        // The contact with its phone numbers as tap-to-call links.
        case "contact_parts": return PhoneText.parts(contact)
        case "registration": return field(registration)
        case "registration_is_link": return registration.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false
        case "ics_url": return icsURL
        default: return body.child(named: n)
        }
    }
}

extension ContentViews {
    func event(_ page: Page, _ e: Page.Event, _ body: BodyView) -> EventView {
        var start = "", end: String? = nil
        switch e.timing {
        case .timed(let s, let t):
            start = "\(s.date.iso)T\(s.hhmm)"
            end = "\(t.date.iso)T\(t.hhmm)"
        case .allDay(let d):
            start = d.iso
        }
        return EventView(
            body: body, timeText: Format.eventTime(e.timing, language, allDayLabel: s("all_day")),
            startISO: start, endISO: end, cancelled: e.status == .cancelled, postponed: e.status == .postponed,
            statusLabel: s("status_\(e.status.rawValue)"), isPast: e.endDate < site.today,
            locationName: e.locationName, address: e.address, locality: localityLink(e.locality),
            organizer: e.organizer, contact: e.contact, registration: e.registration, icsURL: page.url + "calendar.ics")
    }
}

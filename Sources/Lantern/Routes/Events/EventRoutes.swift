import Foundation
import Templates

/// Events: one page and one `.ics` per event, the events list (upcoming soonest first, then past),
/// and a calendar of every event.
struct EventRoutes: BatchedRouteProvider {
    func routes(in c: RouteContext, into routes: inout RouteBatch) {
        let site = c.site, language = c.language, views = c.views
        for (page, event) in site.events(in: language).map({ ($0.page, $0.details) }) {
            routes.append(.data(OutputTree.filePath(forURL: page.url + "calendar.ics"), owner: .file(page.sourcePath)) {
                ICalendar.calendar(name: page.title, entries: [Self.calendarEntry(page, event, site: site)])
            })
            routes.append(c.contentPage(page, template: Page.Kind.event.info.template) { body, _ in views.event(page, event, body) })
        }
        // Upcoming (soonest first) and past (newest first), split at the build date; postponed and
        // cancelled events in a group of their own, so none is taken for one that will happen.
        let upcoming = Self.upcoming(site)
        let past = Self.past(site)
        let changed = Self.changed(site)
        let title = c.s("nav_events")
        routes += c.list(template: "events", base: { Section.events.url($0) }, title: title, crumbs: [],
                         pages: upcoming, extra: ListExtras(past: past.prefix(site.config.pageSize).map(views.card),
                                                            changed: changed.prefix(site.config.pageSize).map(views.card),
                                                            calendarURL: Section.events.url(language) + "calendar.ics"),
                         owner: c.siteFile)
        routes.append(.data(OutputTree.filePath(forURL: Section.events.url(language) + "calendar.ics"), owner: c.siteFile) {
            ICalendar.calendar(name: "\(site.config.title(language)) – \(title)", entries: Self.entries(site, language))
        })
    }

    /// Scheduled events not yet over at the build date, soonest first.
    static func upcoming(_ site: Site) -> [Page] {
        site.events(in: .default).filter { $0.details.status == .scheduled && $0.details.endDate >= site.today }
            .sorted { $0.details.sortKey < $1.details.sortKey }.map(\.page)
    }

    /// Scheduled events that are over, newest first.
    static func past(_ site: Site) -> [Page] {
        site.events(in: .default).filter { $0.details.status == .scheduled && $0.details.endDate < site.today }
            .sorted { $0.details.sortKey > $1.details.sortKey }.map(\.page)
    }

    /// Postponed and cancelled events: those whose day is still to come first (soonest first), then
    /// the others (newest first).
    static func changed(_ site: Site) -> [Page] {
        let all = site.events(in: .default).filter { $0.details.status != .scheduled }
        let coming = all.filter { $0.details.endDate >= site.today }.sorted { $0.details.sortKey < $1.details.sortKey }
        let gone = all.filter { $0.details.endDate < site.today }.sorted { $0.details.sortKey > $1.details.sortKey }
        return (coming + gone).map(\.page)
    }

    static func calendarEntry(_ page: Page, _ e: Page.Event, site: Site) -> ICalendar.Entry {
        let stamp: LocalDateTime
        switch e.timing {
        case .timed(let start, _): stamp = start
        case .allDay(let d): stamp = LocalDateTime(date: d, hour: 0, minute: 0)
        }
        let host = URL(string: site.config.baseURL)?.host ?? "lantern"
        return ICalendar.Entry(uid: "\(page.translationKey)@\(host)", title: page.title, summary: page.summary,
                               timing: e.timing, location: [e.locationName, e.address].filter { !$0.isEmpty }.joined(separator: ", "),
                               status: e.status, url: site.config.absoluteURL(page.url), organizer: e.organizer, stamp: stamp)
    }

    /// One entry per event (default: every event), in this language where translated.
    static func entries(_ site: Site, _ language: Language, _ events: [Site.Item<Page.Event>]? = nil) -> [ICalendar.Entry] {
        (events ?? site.events(in: .default)).map { original in
            let page = site.localized(original.page, language).page
            return calendarEntry(page, page.event ?? original.details, site: site)
        }
    }
}

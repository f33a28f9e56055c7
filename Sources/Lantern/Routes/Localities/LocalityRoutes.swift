import Templates

/// Wards and communes: the list, and a page per locality with its help team, stories, events,
/// latest progress and a calendar of its events.
struct LocalityRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language, views = c.views
        let localities = site.reference.localities
        let title = c.s("nav_localities")
        let localitiesFile = SourceLocation.file("content/data/localities.yml")
        var routes = c.list(template: "list", base: { Section.localities.url($0) }, title: title, crumbs: [],
                            count: localities.count, items: { range in localities[range].map { l in
                                CardView(title: l.name(language), url: Section.localities.url(language, slug: l.id), summary: l.help.team,
                                         fallback: false, pageLang: language.rawValue) } },
                            extra: ListExtras(intro: c.s("localities_intro")), owner: localitiesFile)
        let pv = ProgressViews(site: site, language: language)
        let stories = StoryRoutes.newestFirst(site)
        for l in localities {
            let url = Section.localities.url(language, slug: l.id)
            let events = site.events(in: .default).filter { $0.details.locality == l.id }.sorted { $0.details.sortKey < $1.details.sortKey }
            let layout = c.layout.make(url: url, title: l.name(language), description: l.help.team,
                                       crumbs: [.init(label: title, url: Section.localities.url(language))],
                                       alternates: c.everyLanguage { Section.localities.url($0, slug: l.id) })
            routes.append(c.page("locality", url: url, owner: l.location, layout: { layout }, view: {
                LocalityView(title: l.name(language), kindLabel: c.s("kind_\(l.kind.rawValue)"),
                             help: .init(team: l.help.team, place: l.help.place, hours: l.help.hours, phone: l.help.phone),
                             sampleContact: l.sampleContact,
                             stories: stories.filter { $0.details.locality == l.id }.map { views.card($0.page) },
                             events: events.map { views.card($0.page) }, progressRows: pv.localityRows(l.id),
                             progressAsOf: site.snapshots.last.map { Format.date($0.asOf, language) } ?? "",
                             calendarURL: url + "calendar.ics")
            }))
            routes.append(.file(OutputTree.filePath(forURL: url + "calendar.ics"), owner: l.location) {
                ICalendar.calendar(name: l.name(language), entries: EventRoutes.entries(site, language, events))
            })
        }
        return routes
    }
}

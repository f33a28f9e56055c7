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
        // Every event once, by locality and in date order, instead of filtering all events per locality.
        let eventsByLocality = Dictionary(grouping: site.events(in: .default).sorted { $0.details.sortKey < $1.details.sortKey },
                                          by: \.details.locality)
        let pageSize = site.config.pageSize
        for l in localities {
            let url = Section.localities.url(language, slug: l.id)
            let name = l.name(language)
            let events = eventsByLocality[l.id] ?? []
            // Upcoming events soonest first, then the rest newest first: the order of the full list.
            let coming = events.filter { $0.details.status == .scheduled && $0.details.endDate >= site.today }
            let others = events.filter { !($0.details.status == .scheduled && $0.details.endDate >= site.today) }.reversed()
            let allEvents = (coming + others).map(\.page)
            let localStories = stories.filter { $0.details.locality == l.id }.map(\.page)
            let crumbs: [PageContext.Crumb] = [.init(label: title, url: Section.localities.url(language))]
            let layout = c.layout.make(url: url, title: name, description: l.help.team, crumbs: crumbs,
                                       alternates: c.everyLanguage { Section.localities.url($0, slug: l.id) })
            // The ward's page shows a bounded first page of each list; the full lists are paginated
            // pages of their own, so no page grows with years of content.
            let eventsBase = { (lang: Language) in Section.localities.url(lang, slug: l.id) + Section.events.segment(lang) + "/" }
            let storiesBase = { (lang: Language) in Section.localities.url(lang, slug: l.id) + Section.stories.segment(lang) + "/" }
            routes.append(c.page("locality", url: url, owner: l.location, layout: { layout }, view: {
                LocalityView(title: name, kindLabel: c.s("kind_\(l.kind.rawValue)"),
                             help: .init(team: l.help.team, place: l.help.place, hours: l.help.hours, phone: l.help.phone),
                             sampleContact: l.sampleContact,
                             stories: localStories.prefix(pageSize).map(views.card),
                             events: coming.prefix(pageSize).map { views.card($0.page) },
                             allEvents: .init(url: eventsBase(language), count: allEvents.count, shown: min(coming.count, pageSize),
                                              label: "\(c.s("see_all")) (\(Format.number(allEvents.count, language)))"),
                             allStories: .init(url: storiesBase(language), count: localStories.count, shown: min(localStories.count, pageSize),
                                               label: "\(c.s("see_all")) (\(Format.number(localStories.count, language)))"),
                             progressRows: pv.localityRows(l.id),
                             progressAsOf: site.snapshots.last.map { Format.date($0.asOf, language) } ?? "",
                             calendarURL: url + "calendar.ics")
            }))
            let listCrumbs = crumbs + [.init(label: name, url: url)]
            if !allEvents.isEmpty {
                routes += c.list(template: "list", base: eventsBase, title: "\(c.s("nav_events")): \(name)", crumbs: listCrumbs,
                                 pages: allEvents, owner: l.location)
            }
            if !localStories.isEmpty {
                routes += c.list(template: "list", base: storiesBase, title: "\(c.s("nav_stories")): \(name)", crumbs: listCrumbs,
                                 pages: localStories, owner: l.location)
            }
            routes.append(.data(OutputTree.filePath(forURL: url + "calendar.ics"), owner: l.location) {
                ICalendar.calendar(name: name, entries: EventRoutes.entries(site, language, events))
            })
        }
        return routes
    }
}

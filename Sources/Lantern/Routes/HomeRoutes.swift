import Templates

/// The home page of each language: intro, where to start, featured and newest guides, the next
/// events and the latest progress.
struct HomeRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language
        let homeSource = site.pages(.home, language).first ?? site.pages(.home, .default).first
        let url = language.urlPrefix + "/"
        let layout = c.layout, views = c.views, bodies = c.bodies
        return [c.page("home", url: url, owner: homeSource.map { .file($0.sourcePath) } ?? c.siteFile,
            layout: { layout.make(url: url, title: site.config.title(language), description: homeSource?.summary ?? "",
                                  crumbs: [], alternates: c.everyLanguage { $0.urlPrefix + "/" }) },
            view: {
            var view: TemplateObject = homeSource.map { views.common($0, bodies.render($0)) } ?? ["title": site.config.title(language)]
            view["title"] = site.config.title(language)
            let guides = site.pages(.guide, .default)
            view["featured_guides"] = guides.filter { $0.guide?.featured == true }.map(views.card)
            view["newest_guides"] = guides.sorted { ($0.guide!.updated, $1.title) > ($1.guide!.updated, $0.title) }
                .filter { $0.guide?.featured != true }.prefix(3).map(views.card)
            let upcoming = EventRoutes.upcoming(site)
            view["upcoming_events"] = upcoming.prefix(3).map(views.card)
            view["has_upcoming"] = !upcoming.isEmpty
            if let latest = site.snapshots.last {
                let pv = ProgressViews(site: site, language: language)
                view["progress"] = pv.indicators(latest)
                view["has_progress"] = true
                view["progress_snapshot"] = pv.snapshotSummary(latest)
            }
            view["paths"] = site.config.menu.map { item -> TemplateObject in
                let url = Section(rawValue: item.target).map { $0.url(language) } ?? layout.pageURL(item.target)
                return ["label": c.s(item.key), "url": url, "text": c.s("\(item.key)_text")]
            }
            view["stories_url"] = Section.stories.url(language)
            view["events_url"] = Section.events.url(language)
            view["guides_url"] = Section.guides.url(language)
            view["progress_url"] = Section.progress.url(language)
            return view
        })]
    }
}

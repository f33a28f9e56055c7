import Templates

/// Progress against the movement's targets: the dashboard (latest snapshot and trends), a page per
/// snapshot, and each snapshot's figures as CSV and JSON downloads.
struct ProgressRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language
        let pv = ProgressViews(site: site, language: language)
        let title = c.s("nav_progress")
        var routes: [Route] = []
        if let latest = site.snapshots.last {
            let view = ProgressView(title: title, snapshot: pv.snapshotSummary(latest), indicators: pv.indicators(latest),
                                    tables: pv.tables(latest), trends: pv.trends(),
                                    snapshots: site.snapshots.reversed().map(pv.snapshotSummary),
                                    deadline: site.reference.targets.deadline.map { Format.date($0, language) } ?? "")
            let layout = c.layout.make(url: Section.progress.url(language), title: title, description: c.s("progress_intro"),
                                       crumbs: [], alternates: c.everyLanguage { Section.progress.url($0) }, illustrative: latest.illustrative)
            routes.append(c.page("progress", url: Section.progress.url(language), owner: .file(latest.sourcePath),
                                 layout: { layout }, view: { view }))
        }
        for snapshot in site.snapshots {
            let url = Section.progress.url(language, slug: snapshot.id)
            let summary = pv.snapshotSummary(snapshot)
            let pageTitle = "\(title): \(summary.asOf)"
            let view = ProgressView(title: pageTitle, snapshot: summary, indicators: pv.indicators(snapshot), tables: pv.tables(snapshot))
            let layout = c.layout.make(url: url, title: pageTitle, description: snapshot.source,
                                       crumbs: [.init(label: title, url: Section.progress.url(language))],
                                       alternates: c.everyLanguage { Section.progress.url($0, slug: snapshot.id) },
                                       illustrative: snapshot.illustrative)
            routes.append(c.page("snapshot", url: url, owner: .file(snapshot.sourcePath), layout: { layout }, view: { view }))
        }
        return routes
    }

    /// The downloads, once for the site, beside the Vietnamese snapshot page.
    func siteRoutes(_ c: SiteRouteContext) -> [Route] {
        let site = c.site
        return c.site.snapshots.flatMap { snapshot -> [Route] in
            let folder = String(OutputTree.filePath(forURL: Section.progress.url(.default, slug: snapshot.id)).dropLast("index.html".count))
            return [
                .file(folder + "\(snapshot.id).csv", owner: .file(snapshot.sourcePath)) { ProgressViews.csv(snapshot, reference: site.reference) },
                .file(folder + "\(snapshot.id).json", owner: .file(snapshot.sourcePath)) { ProgressViews.json(snapshot, reference: site.reference) },
            ]
        }
    }
}

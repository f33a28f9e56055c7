import Templates

/// The home page of each language: intro, where to start, featured and newest guides, the next
/// events and the latest progress.
struct HomeRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language
        let homeSource = site.pages(.home, language).first ?? site.pages(.home, .default).first
        let url = language.urlPrefix + "/"
        let layout = c.layout, views = c.views, bodies = c.bodies
        return [c.page(Page.Kind.home.info.template, url: url, owner: homeSource.map { .file($0.sourcePath) } ?? c.siteFile,
            layout: { layout.make(url: url, title: site.config.title(language), description: homeSource?.summary ?? "",
                                  crumbs: [], alternates: c.everyLanguage { $0.urlPrefix + "/" }) },
            view: {
            let guides = site.guides(in: .default)
            let upcoming = EventRoutes.upcoming(site)
            let pv = ProgressViews(site: site, language: language)
            return HomeView(
                body: homeSource.map { views.common($0, bodies.render($0)) },
                title: site.config.title(language),
                featuredGuides: guides.filter { $0.details.featured }.map { views.card($0.page) },
                newestGuides: guides.sorted { ($0.details.updated, $1.page.title) > ($1.details.updated, $0.page.title) }
                    .filter { !$0.details.featured }.prefix(3).map { views.card($0.page) },
                upcomingEvents: upcoming.prefix(3).map(views.card),
                hasUpcoming: !upcoming.isEmpty,
                progress: site.snapshots.last.map(pv.indicators) ?? [],
                progressSnapshot: site.snapshots.last.map(pv.snapshotSummary),
                paths: site.config.menu.map { item in
                    let url = Section(rawValue: item.target).map { $0.url(language) } ?? layout.pageURL(item.target)
                    return HomeView.Path(label: c.s(item.key), url: url, text: c.s("\(item.key)_text"))
                },
                storiesURL: Section.stories.url(language), eventsURL: Section.events.url(language),
                guidesURL: Section.guides.url(language), progressURL: Section.progress.url(language))
        })]
    }
}

/// The home page (`home.mustache`).
struct HomeView: ViewValue {
    /// The intro from `content/_index.md`, when there is one.
    var body: BodyView?
    var title: String
    var featuredGuides: [CardView]
    var newestGuides: [CardView]
    var upcomingEvents: [CardView]
    var hasUpcoming: Bool
    var progress: [Figure]
    var progressSnapshot: SnapshotSummary?
    var paths: [Path]
    var storiesURL: String
    var eventsURL: String
    var guidesURL: String
    var progressURL: String

    /// A way in from the home page: a section and what it offers.
    struct Path: ViewValue {
        var label: String
        var url: String
        var text: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "label": return label
            case "url": return url
            case "text": return text
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "title": return title
        case "featured_guides": return featuredGuides
        case "newest_guides": return newestGuides
        case "upcoming_events": return upcomingEvents
        case "has_upcoming": return hasUpcoming
        case "progress": return progress
        case "has_progress": return progressSnapshot != nil
        case "progress_snapshot": return field(progressSnapshot)
        case "paths": return paths
        case "stories_url": return storiesURL
        case "events_url": return eventsURL
        case "guides_url": return guidesURL
        case "progress_url": return progressURL
        default: return body?.child(named: n)
        }
    }
}

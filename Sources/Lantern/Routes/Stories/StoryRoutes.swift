import Templates

/// Model stories: one page per story, the stories list (newest first), and a page per model.
struct StoryRoutes: BatchedRouteProvider {
    func routes(in c: RouteContext, into routes: inout RouteBatch) {
        let site = c.site, language = c.language, views = c.views
        for item in site.stories(in: language) {
            routes.append(c.contentPage(item.page, template: Page.Kind.story.info.template) { body, _ in views.story(item.details, body) })
        }
        let stories = Self.newestFirst(site)
        let title = c.s("nav_stories")
        let models = site.reference.models.map { LinkView(name: $0.name(language), url: Section.models.url(language, slug: $0.id)) }
        routes += c.list(template: "list", base: { Section.stories.url($0) }, title: title, crumbs: [],
                         pages: stories.map(\.page), extra: ListExtras(intro: c.s("stories_intro"), facets: models, facetsLabel: c.s("models")),
                         owner: c.siteFile)
        for model in site.reference.models {
            routes += c.list(template: "list", base: { Section.models.url($0, slug: model.id) }, title: model.name(language),
                             crumbs: [.init(label: title, url: Section.stories.url(language))],
                             pages: stories.filter { $0.details.model == model.id }.map(\.page),
                             extra: ListExtras(intro: model.description(language)), owner: .file("content/data/models.yml"))
        }
    }

    /// Default-language stories, newest first.
    static func newestFirst(_ site: Site) -> [Site.Item<Page.Story>] {
        site.stories(in: .default).sorted { ($0.details.date, $1.page.sourcePath) > ($1.details.date, $0.page.sourcePath) }
    }
}

import Templates

/// Model stories: one page per story, the stories list (newest first), and a page per model.
struct StoryRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language, views = c.views
        var routes = site.pages(.story, language).compactMap { page -> Route? in
            guard let story = page.story else { return nil }
            return c.contentPage(page, template: "story") { body, _ in views.story(story, body) }
        }
        let stories = Self.newestFirst(site)
        let title = c.s("nav_stories")
        let models = site.reference.models.map { LinkView(name: $0.name(language), url: Section.models.url(language, slug: $0.id)) }
        routes += c.list(template: "list", base: { Section.stories.url($0) }, title: title, crumbs: [],
                         pages: stories, extra: ListExtras(intro: c.s("stories_intro"), facets: models, facetsLabel: c.s("models")),
                         owner: c.siteFile)
        for model in site.reference.models {
            routes += c.list(template: "list", base: { Section.models.url($0, slug: model.id) }, title: model.name(language),
                             crumbs: [.init(label: title, url: Section.stories.url(language))],
                             pages: stories.filter { $0.story!.model == model.id },
                             extra: ListExtras(intro: model.description(language)), owner: .file("content/data/models.yml"))
        }
        return routes
    }

    /// Default-language stories, newest first.
    static func newestFirst(_ site: Site) -> [Page] {
        site.pages(.story, .default).sorted { ($0.story!.date, $1.sourcePath) > ($1.story!.date, $0.sourcePath) }
    }
}

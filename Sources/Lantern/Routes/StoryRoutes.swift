import Templates

/// Model stories: one page per story, the stories list (newest first), and a page per model.
struct StoryRoutes: RouteProvider {
    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language
        var routes = site.pages(.story, language).map { c.contentPage($0, template: "story") }
        let stories = Self.newestFirst(site)
        let title = c.s("nav_stories")
        let models = site.reference.models.map { m -> TemplateObject in
            ["name": m.name(language), "url": Section.models.url(language, slug: m.id)]
        }
        routes += c.list(template: "list", base: { Section.stories.url($0) }, title: title, crumbs: [],
                         pages: stories, extra: ["intro": c.s("stories_intro"), "facets": models, "has_facets": !models.isEmpty,
                                                 "facets_label": c.s("models")],
                         owner: c.siteFile)
        for model in site.reference.models {
            routes += c.list(template: "list", base: { Section.models.url($0, slug: model.id) }, title: model.name(language),
                             crumbs: [.init(label: title, url: Section.stories.url(language))],
                             pages: stories.filter { $0.story!.model == model.id },
                             extra: ["intro": model.description(language)], owner: .file("content/data/models.yml"))
        }
        return routes
    }

    /// Default-language stories, newest first.
    static func newestFirst(_ site: Site) -> [Page] {
        site.pages(.story, .default).sorted { ($0.story!.date, $1.sourcePath) > ($1.story!.date, $0.sourcePath) }
    }
}

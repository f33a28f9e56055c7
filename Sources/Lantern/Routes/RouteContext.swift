import Foundation
import Markdown
import Templates

/// Everything a provider needs to make one language's routes and views: the site, the layout
/// values every page shares, card views, interface strings and pagination.
final class RouteContext {
    let site: Site
    let language: Language
    let layout: PageContext
    let views: ContentViews
    let bodies: PageBodies
    let diagnostics: Diagnostics
    let paginator: Paginator
    /// `content/site.yml`: the owner of routes that no single file asks for.
    let siteFile = SourceLocation.file("content/site.yml")
    /// Planning for the preview server: a provider may defer costly files (`deferred`).
    let preview: Bool
    /// Files a provider left to be made when asked (preview only).
    var deferred: [DeferredFiles] = []

    init(site: Site, language: Language, assets: AssetURLs, bodies: PageBodies, diagnostics: Diagnostics, preview: Bool = false) {
        self.preview = preview
        self.site = site
        self.language = language
        self.bodies = bodies
        self.diagnostics = diagnostics
        layout = PageContext(site: site, language: language, assets: assets)
        views = ContentViews(site: site, language: language, bodies: bodies)
        paginator = Paginator(pageSize: site.config.pageSize, language: language, strings: site.strings)
    }

    /// An interface string in this language (Vietnamese when untranslated).
    func s(_ key: String) -> String { site.strings.string(key, language) }

    /// The same path in every language of the site.
    func everyLanguage(_ path: (Language) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: site.config.languages.map { ($0, path($0)) })
    }

    /// Where each language's version of a page lives.
    func alternates(_ page: Page) -> [Language: String] {
        var out: [Language: String] = [:]
        for l in site.config.languages { if let t = site.translation(of: page, in: l) { out[l] = t.url } }
        return out
    }

    /// A page whose layout and view are both made when it is rendered; the view's names win.
    func page<Content: TemplateValue>(_ template: String, url: String, owner: SourceLocation,
                                      layout: @escaping () -> LayoutView, view: @escaping () -> Content) -> Route {
        .page(url, owner: owner, template: template) { PageView(layout: layout(), content: view()) }
    }

    /// A paginated list of `count` items; `items` makes the views of one page's items.
    func list<Item: TemplateValue>(template: String, base: (Language) -> String, title: String, crumbs: [PageContext.Crumb],
                                   count: Int, items: @escaping (Range<Int>) -> [Item], extra: ListExtras = ListExtras(),
                                   owner: SourceLocation) -> [Route] {
        let ownBase = base(language)
        let bases = everyLanguage(base)
        return paginator.paginate(count: count, base: ownBase).map { slice in
            var alternates = bases
            if slice.number > 1 { alternates = alternates.mapValues { $0 + (slice.url.dropFirst(ownBase.count)) } }
            let pageTitle = slice.number > 1 ? "\(title) – \(s("page")) \(slice.number)" : title
            let layout = self.layout, paginator = self.paginator
            return page(template, url: slice.url, owner: owner,
                        layout: { layout.make(url: slice.url, title: pageTitle, description: "", crumbs: crumbs, alternates: alternates) },
                        view: { ListView(heading: title, items: items(slice.range), pagination: paginator.pagination(slice), extra: extra) })
        }
    }

    /// A paginated list of pages shown as cards.
    func list(template: String, base: (Language) -> String, title: String, crumbs: [PageContext.Crumb],
              pages: [Page], extra: ListExtras = ListExtras(), owner: SourceLocation) -> [Route] {
        let views = self.views
        return list(template: template, base: base, title: title, crumbs: crumbs, count: pages.count,
                    items: { range in pages[range].map(views.card) }, extra: extra, owner: owner)
    }

    /// A content page (guide, story, event, plain page) with its breadcrumb to its section; `view`
    /// makes its view from its rendered body when the page is rendered. Everything else is made
    /// then too: a planned page holds one closure, not its layout's values (10 000 pages).
    func contentPage<Content: TemplateValue>(_ page: Page, template: String,
                                             view: @escaping (BodyView, RenderedMarkdown) -> Content) -> Route {
        let c = self
        return Route(path: OutputTree.filePath(forURL: page.url), owner: page.urlLocation, content: .page(template: template) {
            let (body, rendered) = c.views.body(page)
            return PageView(layout: c.layout(of: page), content: view(body, rendered))
        })
    }

    /// The layout of a content page: its breadcrumb to its section, its translations, its image.
    func layout(of page: Page) -> LayoutView {
        var crumbs: [PageContext.Crumb] = []
        if let section = page.section { crumbs.append(.init(label: s("nav_\(section.rawValue)"), url: section.url(language))) }
        return layout.make(url: page.url, title: page.title, description: page.summary, crumbs: crumbs,
                           alternates: alternates(page), image: page.story?.image?.src, illustrative: page.illustrative)
    }
}

import Foundation
import Markdown
import Templates

/// Search: per language, the search page (`/tim-kiem/`, `/en/search/`) with its A–Z index, and the
/// index files under `search/<lang>/`; once for the site, the search script with a hashed name.
struct SearchRoutes: RouteProvider {
    static func url(_ language: Language) -> String { language == .vi ? "/tim-kiem/" : "\(language.urlPrefix)/search/" }
    /// Where a language's index files are served from.
    static func indexBase(_ language: Language) -> String { "/search/\(language.rawValue)/" }
    static let synonymsPath = "content/data/synonyms.yml"

    func routes(in c: RouteContext) -> [Route] {
        let language = c.language, site = c.site
        let pages = site.pages.filter { $0.language == language && $0.kind != .home }
        let documents = SearchSources(site: site, language: language, bodies: c.bodies, pages: pages,
                                      sectionLabels: Dictionary(uniqueKeysWithValues: [Section.guides, .stories, .events, .localities, .progress].map { ($0, c.s("nav_\($0.rawValue)")) }),
                                      topicsLabel: c.s("topics"))
        let base = Self.indexBase(language)
        // Synonym errors are reported once, for the default language's build of the page.
        let synonyms = SynonymsLoader.load(fs: c.bodies.fs, diagnostics: language == .default ? c.diagnostics : Diagnostics())
        let synonymsFile = SourceLocation.file(Self.synonymsPath)
        var routes: [Route] = []
        let manifest: @Sendable () -> String
        if c.preview {
            // The index is ~90% of planning a large site: the preview server makes it when the
            // search page or one of its files is first asked for, so a save reloads at once.
            let lazy = LazySearchIndex { SearchIndex.build(count: documents.count) { documents.document($0) } }
            let folder = String(base.dropFirst())
            c.deferred.append(DeferredFiles(folder: folder, file: { path in
                let name = String(path.dropFirst(folder.count))
                let index = lazy.index
                return index.parts.first { $0.name == name }.map { Data(index.text(of: $0.part).utf8) }
            }, reset: { lazy.reset() }))
            manifest = { lazy.index.manifest(base: base, synonyms: synonyms) }
        } else {
            let index = SearchIndex.build(count: documents.count) { documents.document($0) }
            // Each file is made and written as soon as it is claimed, then let go.
            for (name, part) in index.parts {
                routes.append(Route.file(String((base + name).dropFirst()), owner: synonymsFile) { index.text(of: part) }.madeAtOnce())
            }
            let text = index.manifest(base: base, synonyms: synonyms)
            manifest = { text }
        }
        let url = Self.url(language)
        let title = c.s("search_title")
        let layout = c.layout, alternates = c.everyLanguage(Self.url)
        let groups = AtoZ.groups(documents.atoZ)
        routes.append(c.page("search", url: url, owner: c.siteFile,
                             layout: { layout.make(url: url, title: title, description: "", crumbs: [], alternates: alternates) },
                             view: { SearchPageView(heading: title, manifest: manifest(), scriptURL: SearchScript.url, groups: groups) }))
        return routes
    }

    func siteRoutes(_ c: SiteRouteContext) -> [Route] {
        [.file(String(SearchScript.url.dropFirst()), owner: .file(Self.synonymsPath)) { SearchScript.source }]
    }
}

/// The pages, topics and localities of one language as search documents and A–Z entries.
struct SearchSources: Sendable {
    let site: Site
    let language: Language
    let bodies: PageBodies
    let pages: [Page]
    let sectionLabels: [Section: String]
    let topicsLabel: String

    var count: Int { pages.count + site.reference.topics.count + site.reference.localities.count }

    /// Document `i`: pages first, then topics, then localities. The body is read and rendered
    /// here and dropped with the document, so memory holds a few pages' text at a time.
    func document(_ i: Int) -> (SearchDocument, SearchIndex.Entry) {
        if i < pages.count {
            let page = pages[i]
            var doc = SearchDocument(title: page.title, summary: page.summary)
            doc.topics = page.guide?.topics.compactMap { site.reference.topic($0)?.name(language) } ?? []
            if !page.bodyIsFallback, let body = ContentLoader.body(of: page, fs: bodies.fs) {
                let rendered = MarkdownRenderer.render(body, options: bodies.options)
                doc.headings = rendered.headings.map(\.text)
                doc.body = SearchUnits.plainText(html: rendered.html)
            }
            let section = page.section.map { sectionLabels[$0] ?? "" } ?? ""
            return (doc, .init(url: page.url, title: page.title, section: section, summary: page.summary))
        }
        let topics = site.reference.topics
        if i < pages.count + topics.count {
            let t = topics[i - pages.count]
            let doc = SearchDocument(title: t.name(language), summary: t.description(language))
            return (doc, .init(url: Section.topics.url(language, slug: t.id), title: t.name(language), section: topicsLabel,
                               summary: t.description(language)))
        }
        let l = site.reference.localities[i - pages.count - topics.count]
        let doc = SearchDocument(title: l.name(language), summary: l.help.team)
        return (doc, .init(url: Section.localities.url(language, slug: l.id), title: l.name(language),
                           section: sectionLabels[.localities] ?? "", summary: l.help.team))
    }

    /// Guide titles are listed A–Z only up to this many; beyond, the page would break the page-weight
    /// budget (7 500 guides: 97 KB gzip), and the topics listed lead to them.
    static let atoZTitleLimit = 300

    /// What the page lists without JavaScript: topics, localities, then guides' and plain pages'
    /// titles (events and stories are many and dated; their lists are a click away).
    var atoZ: [AtoZ.Entry] {
        var entries = site.reference.topics.map {
            AtoZ.Entry(label: $0.name(language), url: Section.topics.url(language, slug: $0.id), kind: topicsLabel)
        }
        entries += site.reference.localities.map {
            AtoZ.Entry(label: $0.name(language), url: Section.localities.url(language, slug: $0.id), kind: sectionLabels[.localities] ?? "")
        }
        let guides = pages.filter { $0.kind == .guide }
        let titled = pages.filter { $0.kind == .page } + (guides.count <= Self.atoZTitleLimit ? guides : [])
        entries += titled.map {
            AtoZ.Entry(label: $0.title, url: $0.url, kind: $0.section.map { sectionLabels[$0] ?? "" } ?? "")
        }
        return entries
    }
}

/// A language's search index made once, when first asked for (preview only), on any thread.
final class LazySearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var made: SearchIndex?
    private let make: () -> SearchIndex

    init(_ make: @escaping () -> SearchIndex) { self.make = make }

    func reset() { lock.withLock { made = nil } }

    var index: SearchIndex {
        lock.lock(); defer { lock.unlock() }
        if let made { return made }
        let index = make()
        made = index
        return index
    }
}

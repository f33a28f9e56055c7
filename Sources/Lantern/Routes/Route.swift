import Foundation
import Templates

/// One file of the built site: where it goes, which source asked for it (for clash and error
/// messages), and how to make it. Routes are cheap values planned up front; their views and bytes
/// are made only when the file is produced, on any core, so memory holds a few pages at a time.
struct Route {
    enum Content {
        /// A page: a template and its view (layout values included), made when it is rendered.
        case page(template: String, view: () -> any TemplateValue)
        /// Any other file: a calendar, a download, a feed, a redirect.
        case file(() -> Data)
    }

    /// The file's path inside the output folder, e.g. `huong-dan/cai-dat-vneid/index.html`.
    let path: String
    let owner: SourceLocation
    let content: Content
    /// Whether the XML sitemap lists it (an `index.html` page search engines should find). Pages
    /// marked `noindex` (handouts, the offline pages) and redirects are left out: a sitemap entry
    /// that says "noindex" is a contradiction search consoles report as an error.
    var listed = true

    /// Whether a build makes the file as soon as its path is claimed, instead of holding it until
    /// the render: for files made from data built while planning (the search index's postings), so
    /// that data is let go before the render rather than carried through it.
    var eager = false

    /// The same route, left out of the XML sitemap.
    func unlisted() -> Route { var r = self; r.listed = false; return r }

    /// The same route, made as soon as it is claimed (`eager`).
    func madeAtOnce() -> Route { var r = self; r.eager = true; return r }

    /// A page at a site URL (`/huong-dan/x/` → `huong-dan/x/index.html`).
    static func page(_ url: String, owner: SourceLocation, template: String, view: @escaping () -> any TemplateValue) -> Route {
        Route(path: OutputTree.filePath(forURL: url), owner: owner, content: .page(template: template, view: view))
    }

    /// A text file at a path inside the output folder.
    static func file(_ path: String, owner: SourceLocation, _ make: @escaping () -> String) -> Route {
        Route(path: path, owner: owner, content: .file({ Data(make().utf8) }))
    }

    /// A file whose bytes are made directly (no String in between: a large file is held once).
    static func data(_ path: String, owner: SourceLocation, _ make: @escaping () -> Data) -> Route {
        Route(path: path, owner: owner, content: .file(make))
    }

    var isPage: Bool { if case .page = content { return true }; return false }
}

/// Files under one folder whose names are known only once something costly is made (the search
/// index's content-hashed shards). The preview server plans them this way, so a save does not wait
/// for work no browser asked for; a build never does (every path is claimed up front).
struct DeferredFiles: Sendable {
    /// The folder inside the output, e.g. `search/vi/`.
    let folder: String
    /// The file at a path inside `folder`, made (or taken from what was made) when first asked.
    let file: @Sendable (String) -> Data?
    /// Forgets what was made, so it is made again from the current sources when next asked.
    var reset: @Sendable () -> Void = {}
}

/// A content family's part of the site: its pages, lists and files, and the views they need.
/// The renderer gathers every provider's routes in a fixed order (`SiteRenderer.providers`).
protocol RouteProvider: Sendable {
    /// The family's routes in one language.
    func routes(in context: RouteContext) -> [Route]
    /// The same routes, handed to `take` in order, a batch at a time; `take` may empty the batch.
    /// A build claims and renders each batch before the next is made. (A requirement, so that a
    /// call through `any RouteProvider` reaches a batched family's own.)
    func routes(in context: RouteContext, batchSize: Int, batches take: (inout [Route]) -> Void)
    /// Files made once for the whole site, after every language's routes (feeds, downloads…).
    func siteRoutes(_ context: SiteRouteContext) -> [Route]
}

extension RouteProvider {
    func siteRoutes(_ context: SiteRouteContext) -> [Route] { [] }

    /// All of the family's routes as one batch.
    func routes(in context: RouteContext, batchSize: Int, batches take: (inout [Route]) -> Void) {
        var all = routes(in: context)
        take(&all)
    }
}

/// A family whose routes grow with the content (one or more per page): a build makes them a batch
/// at a time, so it holds a batch's routes, not the family's (75 000 guides' handouts and short
/// addresses were 170 000 routes, each with its path, owner and closure, at once). The preview
/// server, which keeps every route, gets them all (`routes(in:)`), in the same order.
protocol BatchedRouteProvider: RouteProvider {
    func routes(in context: RouteContext, into batch: inout RouteBatch)
}

extension BatchedRouteProvider {
    func routes(in context: RouteContext) -> [Route] {
        var all: [Route] = []
        var batch = RouteBatch(size: .max) { all += $0; $0 = [] }
        routes(in: context, into: &batch)
        batch.flush()
        return all
    }

    func routes(in context: RouteContext, batchSize: Int, batches take: (inout [Route]) -> Void) {
        withoutActuallyEscaping(take) { take in
            var batch = RouteBatch(size: batchSize, take: take)
            routes(in: context, into: &batch)
            batch.flush()
        }
    }
}

/// Routes gathered until there are `size` of them, then handed on.
struct RouteBatch {
    /// Large enough that rendering a batch on all cores keeps them busy.
    static let defaultSize = 2048
    private let size: Int
    private let take: (inout [Route]) -> Void
    private var routes: [Route] = []

    init(size: Int, take: @escaping (inout [Route]) -> Void) {
        self.size = size
        self.take = take
    }

    mutating func append(_ route: Route) {
        routes.append(route)
        if routes.count >= size { flush() }
    }

    mutating func append(contentsOf more: [Route]) {
        for route in more { append(route) }
    }

    static func += (batch: inout RouteBatch, more: [Route]) { batch.append(contentsOf: more) }

    /// Hands on what is gathered (at the end of a family, or when full).
    mutating func flush() {
        guard !routes.isEmpty else { return }
        take(&routes)
        routes.removeAll(keepingCapacity: true)
    }
}

/// What site-wide routes may know: the site, and (when produced) every path claimed.
struct SiteRouteContext {
    let site: Site
    /// Every path claimed by the whole plan; call it only while producing a file.
    let claimedPaths: @Sendable () -> [String]
    /// The claimed pages (`index.html`) the XML sitemap lists (`Route.listed`), sorted; likewise.
    let listedPagePaths: @Sendable () -> PathList
    /// How many listed pages (`index.html`) the languages' routes claimed, known while planning.
    var listedPages = 0
}

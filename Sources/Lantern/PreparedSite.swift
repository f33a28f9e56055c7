import Foundation

/// A loaded and planned site whose files are made one at a time, when asked for: the preview
/// server renders the page a browser requests instead of the whole site after every edit.
/// Assets, the sitemap, feeds and redirects are made up front (they are few and small).
public final class PreparedSite: @unchecked Sendable {
    public let site: Site
    public let tree: OutputTree
    private let renderer: SiteRenderer
    private let routes: [String: Route]
    private let liveReloadScript: String?
    private let deferred: [DeferredFiles]

    init(site: Site, tree: OutputTree, renderer: SiteRenderer, routes: [Route], deferred: [DeferredFiles] = [], liveReloadScript: String?) {
        self.deferred = deferred
        self.site = site
        self.tree = tree
        self.renderer = renderer
        self.routes = Dictionary(routes.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.liveReloadScript = liveReloadScript
    }

    public var pageCount: Int { tree.htmlPageCount }

    /// The file at `path`, rendered now if it is a page or a calendar; nil if the site has none.
    public func file(_ path: String) -> Data? {
        if let route = routes[path] { return renderer.produce(route, liveReloadScript: liveReloadScript) }
        if let files = deferred.first(where: { path.hasPrefix($0.folder) }) { return files.file(path) }
        return tree.files[path]
    }

    /// After an edit that changed only page bodies: what was made from bodies ahead of any
    /// request (the search index) is made again when next asked for.
    public func bodiesChanged() {
        for files in deferred { files.reset() }
    }

    public func contains(_ path: String) -> Bool {
        tree.contains(path) || deferred.contains { path.hasPrefix($0.folder) && $0.file(path) != nil }
    }
}

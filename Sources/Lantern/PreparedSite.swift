import Foundation

/// A loaded and planned site whose files are made one at a time, when asked for: the preview
/// server renders the page a browser requests instead of the whole site after every edit.
/// Assets, the sitemap, feeds and redirects are made up front (they are few and small).
public final class PreparedSite: @unchecked Sendable {
    public let site: Site
    public let tree: OutputTree
    private let renderer: SiteRenderer
    private let routes: [Route]
    /// Each route's position in `routes`, by path.
    private let index: [String: Int]
    private let liveReloadScript: String?
    private let deferred: [DeferredFiles]

    /// - Parameter previous: the plan this one replaces; when both have the same paths in the same
    ///   order (an edit that changed no URL), its index is reused instead of hashing every path again.
    init(site: Site, tree: OutputTree, renderer: SiteRenderer, routes: [Route], deferred: [DeferredFiles] = [],
         liveReloadScript: String?, previous: PreparedSite? = nil) {
        self.deferred = deferred
        self.site = site
        self.tree = tree
        self.renderer = renderer
        self.routes = routes
        if let previous, previous.routes.count == routes.count,
           zip(previous.routes, routes).allSatisfy({ $0.path == $1.path }) {
            index = previous.index
        } else {
            var index: [String: Int] = [:]
            index.reserveCapacity(routes.count)
            for (i, route) in routes.enumerated() where index[route.path] == nil { index[route.path] = i }
            self.index = index
        }
        self.liveReloadScript = liveReloadScript
    }

    public var pageCount: Int { tree.htmlPageCount }

    /// The file at `path`, rendered now if it is a page or a calendar; nil if the site has none.
    public func file(_ path: String) -> Data? {
        if let i = index[path] { return renderer.produce(routes[i], liveReloadScript: liveReloadScript) }
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

import Templates
import Foundation
import Markdown

/// Gathers every content family's routes in a fixed order, claims their paths (clashes are
/// reported naming both sources), and produces them with the templates on all cores. Results are
/// written as they are made, so output is identical whatever the thread schedule.
final class SiteRenderer: @unchecked Sendable {
    /// The content families, in the order their paths are claimed. A new content type adds its
    /// provider here (see README, "Architecture").
    static let providers: [any RouteProvider] = [
        HomeRoutes(), PageRoutes(), GuideRoutes(), StoryRoutes(), EventRoutes(),
        LocalityRoutes(), ProgressRoutes(), SiteMapRoutes(), SearchRoutes(), HandoutRoutes(), OfflineRoutes(), SiteFileRoutes(),
    ]

    let site: Site
    let assets: AssetURLs
    let bodies: PageBodies
    let diagnostics: Diagnostics
    let images: SiteImages
    /// Planning for the preview server (see `DeferredFiles`).
    let preview: Bool
    /// What the last `plan` deferred (preview only).
    private(set) var deferred: [DeferredFiles] = []

    init(site: Site, assets: AssetURLs, bodies: PageBodies, diagnostics: Diagnostics, images: SiteImages = SiteImages(), preview: Bool = false) {
        self.preview = preview
        self.images = images
        self.site = site
        self.assets = assets
        self.bodies = bodies
        self.diagnostics = diagnostics
    }

    /// What rendering a page produced, for the page-weight budget.
    struct Rendered {
        var path: String
        var html: Data
        /// The precompressed `.gz` size, when one was written.
        var gzipBytes: Int?
    }

    /// Plans every file of the site: each provider's routes per language, then the site-wide ones;
    /// a route whose path or template cannot be had is reported and left out.
    /// - Parameter render: when given (a build), each family's routes are handed to it as soon as
    ///   they are claimed, and nothing is returned: only one family's routes are held at a time,
    ///   not the whole plan (at 100 000 pages the peak went from 508 to 415 MiB). Claims are
    ///   made in the same order either way, so clashes are the same.
    func plan(into tree: OutputTree, rendering render: ((inout [Route]) -> Void)? = nil) -> [Route] {
        deferred = []
        var planned: [Route] = []
        // The templates found so far: a handful of names, compared instead of hashed per page.
        var found: [String] = []
        // Listed pages (`index.html`) of the languages' routes, for the sitemap's parts.
        var listedPages = 0
        /// Claims a family's routes and keeps the accepted ones in `routes` itself, in order: a
        /// second array of them (grown by appending) was the largest block at the build's peak,
        /// 6.9 of 31.7 MiB on the 10 000-page site, while the handouts were claimed.
        func claim(_ routes: inout [Route]) {
            var atOnce: [Route] = []
            var kept = 0
            for i in routes.indices {
                let route = routes[i]
                if case .page(let template, _) = route.content, !found.contains(template) {
                    guard site.templates.require(template, for: route.owner, diagnostics: diagnostics) else { continue }
                    found.append(template)
                }
                if tree.claim(route.path, owner: route.owner, listed: route.listed, diagnostics: diagnostics) {
                    // The preview server keeps every route: it makes files when asked, not here.
                    // Pages are never eager: the page-weight budget measures them as rendered.
                    if route.eager && !preview && !route.isPage {
                        atOnce.append(route)
                    } else {
                        if route.listed && route.path.hasSuffix("index.html") { listedPages += 1 }
                        routes.swapAt(kept, i)
                        kept += 1
                    }
                }
            }
            routes.removeLast(routes.count - kept)
            // Made on all cores (with precompression, each is compressed too), then let go.
            RouteBox.each(&atOnce) { route in tree.write(route.path, produce(route, liveReloadScript: nil)) }
            if let render {
                render(&routes)
                FreedMemory.giveBack()
            } else {
                planned += routes
            }
        }
        let contexts = Contexts(all: site.config.languages.sorted().map {
            RouteContext(site: site, language: $0, assets: assets, bodies: bodies, diagnostics: diagnostics, preview: preview)
        })
        let providers = Self.providers
        let jobs = contexts.all.count * providers.count
        // Job `j`: provider `j % providers.count` in language `j / providers.count`.
        let family = { @Sendable (job: Int) in providers[job % providers.count].routes(in: contexts.all[job / providers.count]) }
        if preview {
            // For the preview server, every family's routes in every language are made on all
            // cores (they read the site and write nothing shared; only the search provider defers
            // files, into its own context's list), then claimed in the fixed order, so clashes and
            // output never depend on timing. Making them was three quarters of planning, which the
            // server does after every edit that changes a title or a list.
            let made = ResultSlots<[Route]>(count: jobs)
            DispatchQueue.concurrentPerform(iterations: jobs) { job in made.set(job, family(job)) }
            // Each family's routes are let go once claimed (the planned ones are kept in `planned`).
            for job in 0..<jobs { var routes = made.take(job) ?? []; claim(&routes) }
        } else {
            // A build makes, claims and renders one family at a time. (Its search provider makes
            // the index on all cores itself; inside another concurrentPerform that work ran on
            // one thread, as libdispatch narrows nested applies: a second more on 10 000 pages.)
            // A family whose routes grow with content hands them over in batches, each claimed and
            // rendered before the next is made (`BatchedRouteProvider`).
            for job in 0..<jobs {
                providers[job % providers.count].routes(in: contexts.all[job / providers.count], batchSize: RouteBatch.defaultSize) { claim(&$0) }
            }
        }
        for context in contexts.all { deferred += context.deferred }
        // The sitemap leaves out every unlisted path, the site-wide ones (alias redirects) too: the
        // tree knows them (`Route.listed` is claimed with the path), and a batch's paths are all
        // claimed before any of its files is made.
        var siteContext = SiteRouteContext(site: site, claimedPaths: { tree.paths }, listedPagePaths: { tree.listedPages })
        siteContext.listedPages = listedPages
        for provider in Self.providers {
            var routes = provider.siteRoutes(siteContext)
            claim(&routes)
        }
        return planned
    }

    /// Produces one planned file; a page gets the live-reload script when one is given.
    func produce(_ route: Route, liveReloadScript: String?) -> Data {
        switch route.content {
        case .page(let template, let view):
            var html = site.templates.render(template, view(), diagnostics: diagnostics)
            let responsive = ResponsiveMarkup.rewrite(html, pageURL: OutputTree.url(forPath: route.path), images: images)
            html = responsive.html
            images.recordUsage(page: route.path, urls: responsive.used)
            if let liveReloadScript, let end = html.range(of: "</body>", options: .backwards) {
                html.replaceSubrange(end, with: liveReloadScript + "</body>")
            }
            return Data(html.utf8)
        case .file(let make):
            return make()
        }
    }

    /// Plans the files family by family, rendering and writing each family's on all cores as soon
    /// as they are claimed; `measure` sees each page's HTML (from the rendering thread) before it
    /// is dropped.
    func render(into tree: OutputTree, liveReloadScript: String?, measure: @escaping @Sendable (Rendered) -> Void) {
        func make(_ routes: inout [Route]) {
            RouteBox.each(&routes) { route in
                let data = produce(route, liveReloadScript: liveReloadScript)
                let gz = tree.write(route.path, data)
                if route.isPage { measure(Rendered(path: route.path, html: data, gzipBytes: gz)) }
            }
        }
        var left = plan(into: tree, rendering: make)
        make(&left)
    }
}

/// The languages' route contexts, shared by the threads that make routes: each provider only
/// reads its context, except the search provider, which alone appends to `deferred`.
private struct Contexts: @unchecked Sendable {
    let all: [RouteContext]
}

/// Produces planned routes on all cores, letting each go once taken: what its closures hold (a
/// handout's values, a search file's text) is freed as the render goes, not at its end, so the
/// files made last (the sitemap) do not add to the whole plan. The routes are taken in place: a
/// copy of the plan's array was 5.2 MiB of the 44 MiB heap peak on a 10 000-page site.
struct RouteBox: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Route>

    /// What a taken route is replaced with (one shared closure, nothing allocated).
    nonisolated(unsafe) private static let taken = Route(path: "", owner: .file(""), content: .file({ Data() }))

    /// Calls `make` with every route of `routes`, on all cores; `routes` is left holding nothing.
    static func each(_ routes: inout [Route], _ make: @Sendable (Route) -> Void) {
        routes.withUnsafeMutableBufferPointer { buffer in
            let box = RouteBox(slots: buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { i in make(box.take(i)) }
        }
        routes = []
    }

    /// Route `i`, replaced by `taken`; each index is taken once, so threads that take different
    /// indexes never touch the same slot.
    private func take(_ i: Int) -> Route {
        let route = slots[i]
        slots[i] = Self.taken
        return route
    }
}

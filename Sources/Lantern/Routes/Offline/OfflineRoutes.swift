import Foundation
import Templates

/// Offline reading: per language, the offline page (`/ngoai-tuyen/`, `/en/offline/`) the worker
/// shows for a page it has no copy of; once for the site, the service worker `/sw.js` (its version
/// made from the build's sources), the hashed page script, and with `headers_file: true` in
/// site.yml a Netlify/Cloudflare `_headers` file with the cache headers the worker relies on.
struct OfflineRoutes: RouteProvider {
    static func url(_ language: Language) -> String { language == .vi ? "/ngoai-tuyen/" : "\(language.urlPrefix)/offline/" }
    static let workerPath = "sw.js"

    func routes(in c: RouteContext) -> [Route] {
        let language = c.language, url = Self.url(language)
        let layout = c.layout.make(url: url, title: c.s("offline_title"), description: "", crumbs: [],
                                   alternates: c.everyLanguage(Self.url), noindex: true)
        let view = OfflinePageView(heading: c.s("offline_title"), homeURL: language.urlPrefix + "/",
                                   guidesURL: Section.guides.url(language))
        var routes = [c.page("offline", url: url, owner: c.siteFile, layout: { layout }, view: { view }).unlisted()]
        // The worker is made once, with the first language's context (it needs the file system).
        if language == c.site.config.languages.sorted().first {
            let site = c.site, fs = c.bodies.fs
            routes.append(.file(Self.workerPath, owner: c.siteFile) { Self.worker(site: site, fs: fs) })
        }
        return routes
    }

    func siteRoutes(_ c: SiteRouteContext) -> [Route] {
        var routes: [Route] = [.file(String(OfflineScripts.pageScriptURL.dropFirst()), owner: .file("content/site.yml")) {
            OfflineScripts.pageScript
        }]
        if c.site.config.headersFile {
            let claimed = c.claimedPaths
            routes.append(.file("_headers", owner: .file("content/site.yml")) { Self.headers(paths: claimed()) })
        }
        return routes
    }

    static func worker(site: Site, fs: FileSystem) -> String {
        let languages = site.config.languages.sorted()
        func byPrefix(_ value: (Language) -> String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: languages.map { ($0.urlPrefix, value($0)) })
        }
        return OfflineScripts.worker(
            version: BuildVersion.of(site: site, fs: fs),
            shell: languages.map(url) + [OfflineScripts.pageScriptURL],
            offline: byPrefix(url),
            notes: byPrefix { Format.escape(site.strings.string("offline_cached_copy", $0)) },
            locales: byPrefix(\.rawValue))
    }

    /// Hashed files (`name.1a2b3c4d.ext`) may be cached for a year; `sw.js` must be checked on
    /// every visit, or residents keep an old worker. A top folder holding only hashed files gets
    /// one `/folder/*` rule, so the file stays short (Cloudflare Pages reads at most 100 rules).
    static func headers(paths: [String]) -> String {
        let hashed = { (p: String) in p.range(of: #"\.[0-9a-f]{8}\.[a-z0-9]+$"#, options: .regularExpression) != nil }
        var rules = ["/sw.js": "Cache-Control: no-cache"]
        let immutable = "Cache-Control: public, max-age=31536000, immutable"
        var folders: [String: [String]] = [:]
        for path in paths {
            let parts = path.split(separator: "/", maxSplits: 1)
            if parts.count == 1 { if hashed(path) { rules["/" + path] = immutable } } else { folders[String(parts[0]), default: []].append(path) }
        }
        for (folder, files) in folders {
            if files.allSatisfy(hashed) { rules["/\(folder)/*"] = immutable } else { for f in files where hashed(f) { rules["/" + f] = immutable } }
        }
        return rules.keys.sorted().map { "\($0)\n  \(rules[$0]!)\n" }.joined()
    }
}

/// The offline page (`offline.mustache`): what to do without a connection; the saved guides are
/// listed by the page script from the Cache API.
struct OfflinePageView: ViewValue {
    var heading: String
    var homeURL: String
    var guidesURL: String

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "heading": return heading
        case "home_url": return homeURL
        case "guides_url": return guidesURL
        default: return nil
        }
    }
}

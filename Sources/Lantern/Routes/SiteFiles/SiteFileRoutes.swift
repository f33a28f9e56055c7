import Foundation
import Templates

/// Files for the whole site: the 404 page of each language, alias redirects, sitemap.xml (with
/// hreflang alternates), robots.txt and an Atom feed per language.
struct SiteFileRoutes: RouteProvider {
    /// Addresses a sitemap file may hold (sitemaps.org: 50 000; search engines reject a larger
    /// file); lowered by tests.
    var sitemapLimit = 50_000

    func routes(in c: RouteContext) -> [Route] {
        let language = c.language
        let url = language == .default ? "/404.html" : "\(language.urlPrefix)/404.html"
        let layout = c.layout.make(url: url, title: c.s("not_found_title"), description: "", crumbs: [],
                                   alternates: c.everyLanguage { $0 == .default ? "/404.html" : "\($0.urlPrefix)/404.html" }, noindex: true)
        let view = NotFoundView(guidesURL: Section.guides.url(language), eventsURL: Section.events.url(language))
        return [c.page("404", url: url, owner: c.siteFile, layout: { layout }, view: { view })]
    }

    /// After every page (so redirects that clash with a page are reported); the sitemap lists the
    /// pages claimed by the whole plan, except those left out of it (`Route.listed`).
    func siteRoutes(_ c: SiteRouteContext) -> [Route] {
        let site = c.site, config = site.config
        let siteFile = SourceLocation.file("content/site.yml")
        var routes: [Route] = []
        // Aliases: tiny redirect pages so old shared links keep working.
        for page in site.pages {
            for alias in page.aliases {
                let path = OutputTree.filePath(forURL: alias.url)
                routes.append(Route.file(path, owner: alias.location) { Self.redirect(page, config: config) }.unlisted())
            }
        }
        // Asked for once however many parts there are (each part asking made the whole list again,
        // two at a time on two cores: the last peak of a 100 000-page build), like the pages'
        // index by address. Let go with the routes.
        let listed = MadeOnce(c.listedPagePaths)
        let byURL = MadeOnce { PageURLIndex(site.pages) }
        // The sitemap protocol allows 50 000 addresses a file: a larger site gets sitemap.xml as an
        // index of sitemap-1.xml, sitemap-2.xml… (each made when written, so one part is in memory).
        let parts = (c.listedPages + sitemapLimit - 1) / sitemapLimit
        if parts <= 1 {
            routes.append(.data("sitemap.xml", owner: siteFile) { Self.sitemap(site: site, paths: listed.value, byURL: byURL.value) })
        } else {
            routes.append(.file("sitemap.xml", owner: siteFile) { Self.sitemapIndex(config: config, parts: parts) })
            for part in 1...parts {
                routes.append(.data(Self.sitemapPartPath(part), owner: siteFile) {
                    let all = listed.value
                    // Equal parts of the real list (the planned count can differ by a few files).
                    let size = (all.count + parts - 1) / parts
                    let slice = all.dropFirst((part - 1) * size).prefix(size)
                    return Self.sitemap(site: site, paths: slice, byURL: byURL.value)
                })
            }
        }
        routes.append(.file("robots.txt", owner: siteFile) { "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL("/sitemap.xml"))\n" })
        for language in config.languages {
            routes.append(.file(Self.feedPath(language), owner: siteFile) { Self.atom(site: site, language: language) })
        }
        return routes
    }

    static func redirect(_ page: Page, config: SiteConfig) -> String {
        let target = config.absoluteURL(page.url)
        return """
        <!DOCTYPE html>
        <html lang="\(page.language.rawValue)"><head><meta charset="utf-8"><title>\(Format.escape(page.title))</title>\
        <link rel="canonical" href="\(target)"><meta name="robots" content="noindex">\
        <meta http-equiv="refresh" content="0; url=\(page.url)"></head>\
        <body><p><a href="\(page.url)">\(Format.escape(page.title))</a></p></body></html>

        """
    }

    /// `sitemap-<n>.xml`, the parts of a large site's sitemap.
    static func sitemapPartPath(_ part: Int) -> String { "sitemap-\(part).xml" }

    /// A sitemap index naming the parts, for a site with more pages than one file may list.
    static func sitemapIndex(config: SiteConfig, parts: Int) -> String {
        let entries = (1...parts).map {
            "  <sitemap>\n    <loc>\(Format.escape(config.absoluteURL("/" + sitemapPartPath($0))))</loc>\n  </sitemap>\n"
        }.joined()
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        \(entries)</sitemapindex>

        """
    }

    /// These pages (every HTML page except 404s, redirects and noindex pages, or one part of them),
    /// with their alternates where translated.
    ///
    /// Written straight into the file's bytes: on a 10 000-page site the sitemap is ~5 MB, and
    /// building it as an array of entries, joined, interpolated and then copied to bytes held four
    /// copies at once at the very end of the build, its peak memory.
    static func sitemap(site: Site, paths htmlPaths: some Collection<String>, byURL: PageURLIndex? = nil) -> Data {
        let config = site.config
        let byURL = byURL ?? PageURLIndex(site.pages)
        let languages = config.languages.sorted()
        var out = Data()
        out.reserveCapacity(htmlPaths.count * 160 + 256)
        out.append(contentsOf: """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """.utf8)
        for path in htmlPaths {
            let url = "/" + path.dropLast("index.html".count)
            out.append(contentsOf: "  <url>\n    <loc>".utf8)
            out.append(contentsOf: Format.escape(config.absoluteURL(url)).utf8)
            out.append(contentsOf: "</loc>\n".utf8)
            if let page = byURL.page(url, in: site.pages) {
                if let d = page.lastModified { out.append(contentsOf: "    <lastmod>\(d.iso)</lastmod>\n".utf8) }
                var alternates: [(Language, String)] = []
                for l in languages { if let t = site.translation(of: page, in: l) { alternates.append((l, t.url)) } }
                if alternates.count > 1 {
                    for (lang, alt) in alternates {
                        out.append(contentsOf: "    <xhtml:link rel=\"alternate\" hreflang=\"\(lang.rawValue)\" href=\"".utf8)
                        out.append(contentsOf: Format.escape(config.absoluteURL(alt)).utf8)
                        out.append(contentsOf: "\"/>\n".utf8)
                    }
                }
            }
            out.append(contentsOf: "  </url>\n".utf8)
        }
        out.append(contentsOf: "</urlset>\n".utf8)
        return out
    }

    static func feedPath(_ language: Language) -> String {
        language == .default ? "feed.xml" : "\(language.rawValue)/feed.xml"
    }

    /// Atom 1.0: the newest guides and stories in a language (untranslated ones in Vietnamese).
    static func atom(site: Site, language: Language) -> String {
        let config = site.config
        let items = site.pages.filter { ($0.kind == .guide || $0.kind == .story) && $0.language == .default }
            .map { site.localized($0, language).page }
            .sorted { ($0.lastModified ?? LocalDate(year: 1970, month: 1, day: 1), $1.url) > ($1.lastModified ?? LocalDate(year: 1970, month: 1, day: 1), $0.url) }
            .prefix(30)
        let updated = items.compactMap(\.lastModified).max() ?? LocalDate(year: 2025, month: 1, day: 1)
        let home = config.absoluteURL(language.urlPrefix + "/")
        let entries = items.map { page -> String in
            let url = config.absoluteURL(page.url)
            return """
              <entry>
                <title>\(Format.escape(page.title))</title>
                <link rel="alternate" type="text/html" hreflang="\(page.language.rawValue)" href="\(Format.escape(url))"/>
                <id>\(Format.escape(url))</id>
                <updated>\((page.lastModified ?? updated).iso)T00:00:00+07:00</updated>
                <summary>\(Format.escape(page.summary))</summary>
              </entry>

            """
        }.joined()
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
          <title>\(Format.escape(config.title(language)))</title>
          <subtitle>\(Format.escape(config.description(language)))</subtitle>
          <link rel="self" type="application/atom+xml" href="\(Format.escape(config.absoluteURL("/" + feedPath(language))))"/>
          <link rel="alternate" type="text/html" href="\(Format.escape(home))"/>
          <id>\(Format.escape(home))</id>
          <updated>\(updated.iso)T00:00:00+07:00</updated>
          <author><name>\(Format.escape(config.title(language)))</name></author>
        \(entries)</feed>

        """
    }
}

/// The "page not found" page (`404.mustache`): ways back into the site.
struct NotFoundView: ViewValue {
    var guidesURL: String
    var eventsURL: String
    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "guides_url": return guidesURL
        case "events_url": return eventsURL
        default: return nil
        }
    }
}

/// A value made when first asked for, from any thread, then kept.
final class MadeOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: () -> Value

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}

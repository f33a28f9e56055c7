import Foundation
import Templates

/// Printed handouts: one printable page per guide and event (`/huong-dan/<slug>/in/`,
/// `/en/guides/<slug>/print/`), class packs per topic and per locality (every handout on a new
/// sheet), and the short addresses `/g/<code>/` their QR codes hold, redirecting to the page.
struct HandoutRoutes: BatchedRouteProvider {
    /// The last segment of a printable page's address.
    static func segment(_ language: Language) -> String { language == .vi ? "in" : "print" }

    /// Where a guide's or event's handout lives: its page address plus `in/` (`print/`).
    static func url(of page: Page) -> String { page.url + segment(page.language) + "/" }

    func routes(in c: RouteContext, into routes: inout RouteBatch) {
        let site = c.site, language = c.language
        // Collisions are the same in every language: report them once.
        let links = ShortLinks(site: site, diagnostics: language == .default ? c.diagnostics : nil)
        let maker = HandoutMaker(context: c, links: links)

        // One route per guide and event, holding the maker and the page: its teams, class-pack
        // links and translations are found when it is rendered (planning 8 500 handouts on a
        // 10 000-page site held 10 MB of their values before).
        for page in site.pages(.guide, language) + site.pages(.event, language) {
            routes.append(maker.page(page))
        }

        // Short addresses: tiny redirect files (never pages), so an old QR code keeps working.
        for page in site.pages where page.language == language && (page.kind == .guide || page.kind == .event) {
            guard let short = links.url(page) else { continue }
            routes.append(Route.file(OutputTree.filePath(forURL: short), owner: page.translationKeyLocation) { [c] in
                SiteFileRoutes.redirect(page, config: c.site.config)
            }.unlisted())
        }

        // Class packs. A pack is printed at the ambassador's desk, not read on a phone on metered
        // data, so it is made as a file (outside the per-page weight budget, which a pack of ten
        // guides could never meet) — still through the strict template renderer.
        // A pack holds at most one list page of guides (and of events): a session covers a few, and
        // a pack must stay printable however much content the site has.
        let packSize = site.config.pageSize
        let allTeams = maker.allTeams
        let guides = site.pages(.guide, language)
        let byTopic = Site.byTopic(guides, limit: packSize)
        for topic in site.reference.topics {
            let members = byTopic[topic.id] ?? []
            if members.isEmpty { continue }
            routes.append(maker.pack(url: Self.packURL(.topics, topic.id, language), owner: .file("content/data/topics.yml"),
                                     heading: "\(c.s("handout_pack")): \(topic.name(language))",
                                     back: Section.topics.url(language, slug: topic.id),
                                     pages: members, teams: allTeams))
        }
        // Upcoming events grouped by locality once: filtering every event per locality was
        // localities × events, which grows with years of content.
        let upcoming = Dictionary(grouping: site.events(in: language)
            .filter { $0.details.endDate >= site.today && $0.details.status == .scheduled }
            .sorted { $0.details.sortKey < $1.details.sortKey }, by: \.details.locality)
        for locality in site.reference.localities {
            let events = (upcoming[locality.id] ?? []).prefix(packSize).map(\.page)
            routes.append(maker.pack(url: Self.packURL(.localities, locality.id, language), owner: locality.location,
                                     heading: "\(c.s("handout_pack")): \(locality.name(language))",
                                     back: Section.localities.url(language, slug: locality.id),
                                     pages: Array(guides.prefix(packSize)) + events, teams: maker.teams([locality])))
        }
    }

    /// A class pack's address, apart from the section's own pages (and their `trang/<n>/` pages):
    /// `/in/chu-de/<id>/`, `/en/print/topics/<id>/`.
    static func packURL(_ section: Section, _ id: String, _ language: Language) -> String {
        "\(language.urlPrefix)/\(segment(language))/\(section.segment(language))/\(id)/"
    }
}

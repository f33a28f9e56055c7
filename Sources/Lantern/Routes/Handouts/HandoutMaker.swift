import Foundation
import Templates

/// Makes handout views and routes for one language (shared by single handouts and packs). A class:
/// each of the thousands of handout routes holds a reference to it and to its page, nothing more.
final class HandoutMaker {
    let context: RouteContext
    let links: ShortLinks
    /// The help team of every ward and commune (a guide's sheet lists them all).
    let allTeams: [HelpTeamView]

    private var site: Site { context.site }
    private var language: Language { context.language }

    init(context: RouteContext, links: ShortLinks) {
        self.context = context
        self.links = links
        allTeams = Self.teams(context.site.reference.localities.filter { $0.kind != .province }, context.language)
    }

    /// Help teams as printed: team, locality, place, hours, phone.
    func teams(_ localities: [Locality]) -> [HelpTeamView] { Self.teams(localities, language) }

    private static func teams(_ localities: [Locality], _ language: Language) -> [HelpTeamView] {
        localities.map {
            HelpTeamView(team: $0.help.team, locality: $0.name(language), place: $0.help.place,
                         hours: $0.help.hours, phone: $0.help.phone)
        }
    }

    /// The printable page of one guide or event; its values are made when it is rendered.
    func page(_ page: Page) -> Route {
        Route(path: OutputTree.filePath(forURL: HandoutRoutes.url(of: page)), owner: page.urlLocation,
              content: .page(template: "handout") { [self] in self.pageView(page) }).unlisted()
    }

    /// A guide's sheet lists every help team and links the class pack of each of its topics; an
    /// event's, its own locality's team and pack (every team when its locality is unknown).
    func pageView(_ page: Page) -> PageView<HandoutView> {
        let s = context.s
        var teams = allTeams, packs: [LinkView] = []
        if let guide = page.guide {
            packs = guide.topics.compactMap { site.reference.topic($0) }.filter { !site.guides(topic: $0.id).isEmpty }
                .map { LinkView(name: "\(s("handout_pack")): \($0.name(language))", url: HandoutRoutes.packURL(.topics, $0.id, language)) }
        } else if let event = page.event, let own = site.reference.locality(event.locality) {
            teams = self.teams([own])
            packs = [LinkView(name: "\(s("handout_pack")): \(own.name(language))", url: HandoutRoutes.packURL(.localities, own.id, language))]
        }
        let url = HandoutRoutes.url(of: page)
        var alternates: [Language: String] = [:]
        for l in site.config.languages { if let t = site.translation(of: page, in: l) { alternates[l] = HandoutRoutes.url(of: t) } }
        let layout = context.layout.make(url: url, title: "\(page.title) – \(s("handout_title_suffix"))", description: page.summary,
                                         crumbs: [], alternates: alternates, noindex: true)
        return PageView(layout: layout, content: view(page, teams: teams, packs: packs))
    }

    /// A class pack: every handout of `pages`, each on a new sheet, with `teams` as the help.
    func pack(url: String, owner: SourceLocation, heading: String, back: String, pages: [Page], teams: [HelpTeamView]) -> Route {
        let layout = context.layout, site = self.site, diagnostics = context.diagnostics
        let s = context.s
        let intro = "\(s("handout_pack_intro")) \(pages.count)"
        return Route.file(OutputTree.filePath(forURL: url), owner: owner) {
            let layoutView = layout.make(url: url, title: heading, description: heading, crumbs: [], alternates: [:], noindex: true)
            let view = PackView(heading: heading, intro: intro, handouts: pages.map { self.view($0, teams: teams, packs: []) }, backURL: back)
            return site.templates.render("pack", PageView(layout: layoutView, content: view), diagnostics: diagnostics)
        }.unlisted()
    }

    /// What of a guide's body goes on its sheet: the section holding the steps (the first numbered
    /// list) and the one after it (its notes). The introduction repeats the title and facts, and
    /// later sections stay on the site, named on the sheet, so a typical guide fits one A4 sheet.
    /// Returns the kept HTML and the headings left out; a body without headings is kept whole.
    static func sheetSections(_ html: String) -> (String, [String]) {
        let starts = HTMLBytes.ranges(of: "<h2", in: html).map(\.lowerBound)
        guard let list = HTMLBytes.ranges(of: "<ol", in: html, limit: 1).first,
              let first = starts.lastIndex(where: { $0 < list.lowerBound }) else { return (html, []) }
        let end = starts.count > first + 2 ? starts[first + 2] : html.endIndex
        let closes = HTMLBytes.ranges(of: "</h2>", in: html)
        let headings = starts.dropFirst(first + 2).compactMap { start -> String? in
            guard let open = html[start...].firstIndex(of: ">"),
                  let close = closes.first(where: { $0.lowerBound >= open }) else { return nil }
            return String(html[html.index(after: open)..<close.lowerBound])
        }
        return (String(html[starts[first]..<end]), headings)
    }

    /// The handout's values; the QR code holds the page's short address (its own address when it has none).
    func view(_ page: Page, teams: [HelpTeamView], packs: [LinkView]) -> HandoutView {
        let config = site.config, s = context.s
        var (body, rendered) = context.views.body(page)
        var omitted: [String] = []
        if page.kind == .guide { (body.bodyHTML, omitted) = Self.sheetSections(body.bodyHTML) }
        // A pack holds several bodies on one page: their heading ids (and links to them) get the
        // page's own prefix so they stay unique.
        let prefix = "h" + ShortLinks.code("\(page.kind.rawValue):\(page.translationKey)") + "-"
        body.bodyHTML = HTMLBytes.replacing(" href=\"#", with: " href=\"#\(prefix)",
                                            in: HTMLBytes.replacing(" id=\"", with: " id=\"\(prefix)", in: body.bodyHTML))
        let short = config.absoluteURL(links.url(page) ?? page.url)
        // Byte replacements (HTMLBytes): Foundation's `replacingOccurrences` was 1 % of a
        // 10 000-page build's CPU here.
        let printed = HTMLBytes.replacing("http://", with: "", in: HTMLBytes.replacing("https://", with: "", in: short))
        let domain = String(printed.prefix { $0 != "/" })
        let qr = QRCode(short)?.svg(title: "\(s("handout_qr_title")) \(printed)") ?? ""
        var view = HandoutView(body: body, isGuide: page.kind == .guide, qrSVG: qr, shortURL: short, shortURLText: printed,
                               domain: domain, pageURL: config.absoluteURL(page.url), durationText: "", stepsCount: 0,
                               needs: [], timeText: "", place: "", updatedLabel: s("handout_updated"),
                               updatedText: Format.date(site.today, language), updatedISO: site.today.iso,
                               helpTeams: teams, packs: packs, omitted: omitted)
        if let g = page.guide {
            view.durationText = "\(g.duration) \(s("minutes"))"
            view.stepsCount = rendered.firstOrderedListItemCount
            view.needs = g.needs
            view.updatedText = Format.date(g.updated, language)
            view.updatedISO = g.updated.iso
        } else if let e = page.event {
            view.timeText = Format.eventTime(e.timing, language, allDayLabel: s("all_day"))
            view.place = [e.locationName, e.address].filter { !$0.isEmpty }.joined(separator: ", ")
            // An event has no "updated" date: the handout says when its information was built.
            view.updatedLabel = s("handout_info_as_of")
        }
        return view
    }
}

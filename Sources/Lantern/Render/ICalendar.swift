import Foundation
/// RFC 5545 calendars for events: CRLF line ends, lines folded at 75 octets, stable UIDs, a
/// DTSTAMP taken from content (never the clock), times in UTC, STATUS for cancelled events.
enum ICalendar {
    struct Entry {
        var uid: String
        var title: String
        var summary: String
        var timing: Page.Event.Timing
        var location: String
        var status: Page.Event.Status
        var url: String
        var organizer: String
        /// Content-derived stamp (never the clock): the event's start, or its day at midnight for all-day events.
        var stamp: LocalDateTime
    }

    /// The calendar's bytes, each line folded as it is added: the site's calendar lists every
    /// event, and as an array of lines, mapped, joined and copied to bytes it was the largest block
    /// at a 10 000-page build's peak (3.2 MiB).
    static func calendar(name: String, entries: [Entry]) -> Data {
        var out = Data()
        out.reserveCapacity(256 + entries.count * 400)
        func line(_ text: String) {
            out.append(contentsOf: fold(text).utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:-//Lantern//Binh dan hoc vu so//VI")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        line("X-WR-CALNAME:\(text(name))")
        line("X-WR-TIMEZONE:Asia/Ho_Chi_Minh")
        for e in entries.sorted(by: { ($0.stamp.epochSeconds, $0.uid) < ($1.stamp.epochSeconds, $1.uid) }) {
            line("BEGIN:VEVENT")
            line("UID:\(e.uid)")
            line("DTSTAMP:\(e.stamp.icsUTC)")
            switch e.timing {
            case .timed(let start, let end):
                line("DTSTART:\(start.icsUTC)")
                line("DTEND:\(end.icsUTC)")
            case .allDay(let d):
                line("DTSTART;VALUE=DATE:\(compact(d))")
                line("DTEND;VALUE=DATE:\(compact(d.adding(days: 1)))")
            }
            line("SUMMARY:\(text(e.title))")
            if !e.summary.isEmpty { line("DESCRIPTION:\(text(e.summary + "\n" + e.url))") }
            if !e.location.isEmpty { line("LOCATION:\(text(e.location))") }
            line("URL:\(e.url)")
            line("STATUS:\(e.status == .cancelled ? "CANCELLED" : e.status == .postponed ? "TENTATIVE" : "CONFIRMED")")
            if !e.organizer.isEmpty { line("X-LANTERN-ORGANIZER:\(text(e.organizer))") }
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return out
    }

    static func compact(_ d: LocalDate) -> String { "\(LocalDate.pad(d.year, 4))\(LocalDate.pad(d.month))\(LocalDate.pad(d.day))" }

    /// TEXT value escaping (RFC 5545 §3.3.11).
    static func text(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Folds a content line so that no line exceeds 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var count = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if count + size > limit {
                out += "\r\n "
                count = 0
                limit = 74 // the leading space counts
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out
    }
}

#!/usr/bin/env python3
"""Generate a deterministic synthetic site for benchmarking Lantern against Hugo.

    python3 Benchmarks/gen_site.py --pages N --lantern DIR --hugo DIR [--seed 1]

Writes the same Markdown bodies twice:

* DIR (Lantern): content/ in the exact format of docs/content-format.md
  (site.yml, _index.md, gioi-thieu.md, guides/, stories/, events/, data/*.yml,
  images/*.svg) and templates/ copied from the repository's templates/ if present.
* DIR (Hugo): hugo.toml, content/ (same bodies, equivalent front matter plus
  `date`), data/ (same reference data), static/images/, and small layouts
  (baseof, single, list, index, header/footer partials) doing comparable work.

Output is a pure function of (--pages, --seed): same arguments, same bytes.
Only the standard library is used.
"""

import argparse
import json
import os
import random
import shutil
import sys
import unicodedata
from datetime import date, datetime, timedelta

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = ".lantern-bench-site"

# --------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------

TOPICS = [
    ("vneid", "VNeID và định danh điện tử", "VNeID and electronic identification",
     "Cài đặt, kích hoạt và sử dụng ứng dụng VNeID để chứng minh danh tính và làm thủ tục trên điện thoại.",
     "Installing, activating and using the VNeID app on your phone."),
    ("dich-vu-cong", "Dịch vụ công trực tuyến", "Online public services",
     "Nộp hồ sơ, theo dõi kết quả và nhận giấy tờ qua Cổng Dịch vụ công mà không phải đi lại nhiều lần.",
     "Submitting applications and tracking results through the Public Service Portal."),
    ("thanh-toan", "Thanh toán không dùng tiền mặt", "Cashless payments",
     "Chuyển khoản, quét mã QR và thanh toán hoá đơn, học phí, phí dịch vụ bằng điện thoại một cách an toàn.",
     "Transferring money, scanning QR codes and paying bills safely by phone."),
    ("an-toan-so", "An toàn trên không gian mạng", "Online safety",
     "Nhận biết lừa đảo, bảo vệ mật khẩu, mã OTP và thông tin cá nhân của bạn và gia đình.",
     "Recognising scams and protecting passwords, one-time codes and personal information."),
    ("ky-nang-co-ban", "Kỹ năng số cơ bản", "Basic digital skills",
     "Làm quen với điện thoại thông minh, kết nối Internet, nhắn tin, gọi video và tìm kiếm thông tin.",
     "Getting comfortable with a smartphone, the Internet, messaging and video calls."),
    ("suc-khoe", "Sức khoẻ số", "Digital health",
     "Dùng sổ sức khoẻ điện tử, thẻ bảo hiểm y tế trên điện thoại và đặt lịch khám trực tuyến.",
     "Using the electronic health record and booking medical appointments online."),
    ("nong-san-so", "Đưa nông sản lên mạng", "Selling farm produce online",
     "Chụp ảnh sản phẩm, mở gian hàng trên sàn thương mại điện tử và giao hàng cho khách ở xa.",
     "Photographing produce, opening a shop on an e-commerce platform and shipping to distant buyers."),
    ("hoc-tap-so", "Học tập trực tuyến", "Online learning",
     "Tham gia lớp học trực tuyến, dùng nền tảng học tập số và tìm tài liệu học miễn phí.",
     "Joining online classes, using digital learning platforms and finding free materials."),
]

MODELS = [
    ("cong-dan-so-co-so", "Công dân số cơ sở", "Grassroots Digital Citizen",
     "Mỗi người dân ở thôn, tổ dân phố biết dùng VNeID, dịch vụ công trực tuyến và thanh toán số trong việc hằng ngày.",
     "Every resident can use VNeID, online public services and digital payments."),
    ("cho-so-nong-thon-so", "Chợ số – Nông thôn số", "Digital Market – Digital Rural Area",
     "Tiểu thương và nông dân bán hàng, nhận tiền bằng mã QR và đưa nông sản lên sàn thương mại điện tử.",
     "Traders and farmers accept QR payments and sell produce online."),
    ("gia-dinh-so", "Gia đình số", "Digital Family",
     "Các thế hệ trong một nhà cùng học, người trẻ hướng dẫn người lớn tuổi dùng công nghệ an toàn và hữu ích.",
     "Generations in one household learn technology together."),
    ("dai-su-so", "Đại sứ số", "Digital Ambassadors",
     "Đoàn viên, học sinh, sinh viên và người có kỹ năng tình nguyện hướng dẫn người dân ngay tại nhà.",
     "Volunteers who guide residents in their homes and workplaces."),
    ("to-cong-nghe-so", "Tổ công nghệ số cộng đồng", "Community Digital Technology Teams",
     "Tổ ở mỗi thôn, tổ dân phố đi từng ngõ, gõ từng nhà, hướng dẫn từng người làm quen với môi trường số.",
     "Teams in every village guide every person into the digital world."),
]

# (id, Vietnamese name, English name, kind)
LOCALITIES = [
    ("hoa-lu", "Phường Hoa Lư", "Hoa Lu Ward", "ward"),
    ("dong-hoa-lu", "Phường Đông Hoa Lư", "Dong Hoa Lu Ward", "ward"),
    ("tay-hoa-lu", "Phường Tây Hoa Lư", "Tay Hoa Lu Ward", "ward"),
    ("nam-hoa-lu", "Phường Nam Hoa Lư", "Nam Hoa Lu Ward", "ward"),
    ("tam-diep", "Phường Tam Điệp", "Tam Diep Ward", "ward"),
    ("gia-vien", "Xã Gia Viễn", "Gia Vien Commune", "commune"),
    ("gia-hung", "Xã Gia Hưng", "Gia Hung Commune", "commune"),
    ("yen-khanh", "Xã Yên Khánh", "Yen Khanh Commune", "commune"),
    ("kim-son", "Xã Kim Sơn", "Kim Son Commune", "commune"),
    ("nho-quan", "Xã Nho Quan", "Nho Quan Commune", "commune"),
    ("cuc-phuong", "Xã Cúc Phương", "Cuc Phuong Commune", "commune"),
    ("yen-mo", "Xã Yên Mô", "Yen Mo Commune", "commune"),
    ("cap-tinh", "Tỉnh Ninh Bình", "Ninh Binh Province", "province"),
]

TARGETS = [
    ("adults", "Người trưởng thành có kiến thức, kỹ năng số cơ bản",
     "Adults with basic digital knowledge and skills", 80),
    ("students", "Học sinh THPT, sinh viên có kiến thức, kỹ năng số cơ bản",
     "High-school and university students with basic digital skills", 100),
    ("provincial_officials", "Cán bộ, công chức cấp tỉnh thành thạo nền tảng số",
     "Provincial officials proficient on digital platforms", 90),
    ("commune_officials", "Cán bộ, công chức cấp xã thành thạo nền tảng số",
     "Commune-level officials proficient on digital platforms", 80),
    ("vneid_certified", "Người trưởng thành được xác nhận phổ cập kỹ năng số trên nền tảng VNeID",
     "Adults certified for universal digital skills on VNeID", 50),
]

AUDIENCES = ["everyone", "elderly", "farmers", "students", "officials", "traders"]
N_IMAGES = 12

# --------------------------------------------------------------------------
# Text banks (Vietnamese, NFC, full diacritics)
# --------------------------------------------------------------------------

# guide title = ACTION + " " + OBJECT (per topic)
GUIDE_OBJECTS = {
    "vneid": ["ứng dụng VNeID trên điện thoại", "tài khoản định danh điện tử mức 2",
              "thông tin cư trú trên VNeID", "giấy phép lái xe trong ví giấy tờ VNeID",
              "thẻ bảo hiểm y tế trên VNeID", "mật khẩu và mã bảo vệ VNeID"],
    "dich-vu-cong": ["hồ sơ đăng ký khai sinh trực tuyến", "thủ tục đăng ký thường trú",
                     "hồ sơ cấp phiếu lý lịch tư pháp", "lệ phí trên Cổng Dịch vụ công",
                     "kết quả giải quyết hồ sơ", "hồ sơ xin trợ cấp người cao tuổi"],
    "thanh-toan": ["tiền điện, tiền nước bằng ứng dụng ngân hàng", "học phí cho con qua mã QR",
                   "mã QR nhận tiền cho quầy hàng", "giới hạn chuyển khoản hằng ngày",
                   "ví điện tử cho người lớn tuổi", "lịch sử giao dịch trên điện thoại"],
    "an-toan-so": ["cuộc gọi giả danh công an", "tin nhắn chứa đường link lạ",
                   "mật khẩu mạnh cho tài khoản mạng xã hội", "xác thực hai lớp cho email",
                   "mã OTP và thông tin ngân hàng", "tài khoản Zalo của người thân"],
    "ky-nang-co-ban": ["kết nối Wi-Fi cho điện thoại mới", "cuộc gọi video với con cháu ở xa",
                       "cỡ chữ lớn trên điện thoại", "ảnh và tài liệu quan trọng lên bộ nhớ đám mây",
                       "bản đồ tìm đường trên điện thoại", "bàn phím tiếng Việt có dấu"],
    "suc-khoe": ["sổ sức khoẻ điện tử", "lịch khám bệnh trực tuyến",
                 "đơn thuốc điện tử", "kết quả xét nghiệm trên ứng dụng bệnh viện",
                 "lịch tiêm chủng của trẻ", "tư vấn sức khoẻ từ xa"],
    "nong-san-so": ["gian hàng nông sản trên sàn thương mại điện tử", "ảnh sản phẩm bằng điện thoại",
                    "mã truy xuất nguồn gốc cho nông sản", "đơn hàng và phí vận chuyển",
                    "trang bán hàng trên mạng xã hội", "đánh giá của khách hàng"],
    "hoc-tap-so": ["lớp học trực tuyến trên điện thoại", "tài khoản học tập của học sinh",
                   "kho học liệu số miễn phí", "bài kiểm tra trực tuyến",
                   "sổ liên lạc điện tử", "khoá học kỹ năng số cơ bản"],
}
GUIDE_ACTIONS = ["Cài đặt", "Đăng ký", "Sử dụng", "Kiểm tra", "Tra cứu", "Cập nhật",
                 "Thiết lập", "Quản lý", "Nhận biết", "Xử lý"]

STORY_TITLES = [
    "{who} ở {place} bán {thing} bằng mã QR",
    "Khi {who} ở {place} tự làm thủ tục trên điện thoại",
    "Tổ công nghệ số {place} gõ cửa từng nhà",
    "{who} ở {place} học gọi video với con cháu",
    "Chuyện {who} ở {place} nhận ra cuộc gọi lừa đảo",
    "Phiên chợ số đầu tiên ở {place}",
    "{who} ở {place} đưa {thing} lên sàn thương mại điện tử",
]
STORY_WHO = ["Bà Tư", "Ông Sáu", "Cô Lan", "Anh Hùng", "Chị Mai", "Bác Thành", "Em Ngọc",
             "Cụ Bảy", "Chị Hương", "Anh Dũng", "Bà Năm", "Ông Quý"]
STORY_THING = ["rau sạch", "gạo nếp", "dê núi", "mật ong", "cá kho", "bánh đa", "nem chua",
               "cói mỹ nghệ", "chè búp", "trứng vịt"]

EVENT_TITLES = [
    "Buổi hướng dẫn cài đặt VNeID tại {place}",
    "Ngày hội chuyển đổi số ở {place}",
    "Lớp học kỹ năng số cho người cao tuổi tại {place}",
    "Hướng dẫn thanh toán bằng mã QR cho tiểu thương {place}",
    "Tập huấn nhận biết lừa đảo trực tuyến tại {place}",
    "Tư vấn mở gian hàng nông sản trực tuyến ở {place}",
    "Hỗ trợ nộp hồ sơ dịch vụ công tại {place}",
]

INTRO = [
    "Hướng dẫn này giúp bạn tự làm từng bước ngay trên điện thoại của mình, không cần đến trụ sở.",
    "Nhiều người lớn tuổi ở thôn, tổ dân phố đã làm được việc này chỉ sau một buổi được hướng dẫn.",
    "Bạn chỉ cần một chiếc điện thoại thông minh có kết nối Internet và khoảng hai mươi phút rảnh rỗi.",
    "Nếu chưa quen, hãy nhờ con cháu hoặc thành viên tổ công nghệ số cộng đồng ngồi cạnh trong lần đầu.",
    "Sau khi làm xong, bạn có thể dùng lại cách này cho nhiều thủ tục khác trong gia đình.",
    "Mỗi bước dưới đây chỉ có một việc, và đều nói rõ màn hình sẽ hiện ra những gì.",
    "Đừng lo nếu bấm nhầm: hầu hết các màn hình đều có nút quay lại ở góc trên bên trái.",
    "Thông tin cá nhân của bạn chỉ được nhập vào ứng dụng chính thức, không gửi cho bất kỳ ai qua tin nhắn.",
    "Cán bộ một cửa của phường, xã vẫn sẵn sàng hỗ trợ nếu bạn muốn làm trực tiếp.",
    "Việc làm trực tuyến giúp tiết kiệm thời gian đi lại, nhất là vào mùa gặt hay ngày mưa bão.",
    "Trước khi bắt đầu, hãy kiểm tra pin điện thoại còn trên một nửa và sóng Internet ổn định.",
    "Các con số và tên trong ví dụ chỉ là minh hoạ, bạn hãy nhập thông tin thật của mình.",
]

STEPS = [
    "Mở ứng dụng trên điện thoại. Màn hình sẽ hiện trang chào với nút **Đăng nhập** màu đỏ.",
    "Bấm **Đăng nhập**. Màn hình sẽ hiện ô nhập số định danh cá nhân gồm mười hai chữ số.",
    "Nhập số định danh cá nhân in trên thẻ căn cước. Màn hình sẽ hiện ô nhập mật khẩu.",
    "Nhập mật khẩu rồi bấm **Tiếp tục**. Màn hình sẽ báo đã gửi mã OTP về số điện thoại của bạn.",
    "Mở tin nhắn, chép sáu chữ số của mã OTP vào ô trống. Màn hình sẽ chuyển về trang chủ.",
    "Chọn mục **Dịch vụ công** ở hàng biểu tượng phía dưới. Màn hình sẽ hiện danh sách thủ tục.",
    "Gõ tên thủ tục vào ô tìm kiếm. Màn hình sẽ lọc ra những thủ tục có tên gần giống.",
    "Bấm vào thủ tục cần làm. Màn hình sẽ hiện tờ khai với một số ô đã điền sẵn thông tin.",
    "Kiểm tra lại họ tên, ngày sinh và địa chỉ. Màn hình sẽ tô đỏ những ô còn thiếu.",
    "Chụp ảnh giấy tờ cần nộp bằng nút máy ảnh. Màn hình sẽ hiện ảnh thu nhỏ bên dưới tờ khai.",
    "Bấm **Gửi hồ sơ**. Màn hình sẽ hiện mã hồ sơ, hãy chụp lại màn hình này để lưu.",
    "Quét mã QR bằng nút máy ảnh của ứng dụng ngân hàng. Màn hình sẽ hiện tên người nhận tiền.",
    "Kiểm tra đúng tên người nhận và số tiền. Màn hình sẽ hỏi bạn xác nhận giao dịch.",
    "Xác nhận bằng vân tay hoặc mã PIN. Màn hình sẽ báo giao dịch thành công kèm thời gian.",
    "Vào mục **Cài đặt** rồi chọn **Bảo mật**. Màn hình sẽ hiện các lựa chọn về mật khẩu.",
    "Bật xác thực hai lớp. Màn hình sẽ yêu cầu bạn nhập lại mật khẩu hiện tại một lần nữa.",
    "Chọn **Tải ảnh lên** và chọn ảnh sản phẩm trong thư viện. Màn hình sẽ hiện ảnh đã chọn.",
    "Điền tên sản phẩm, giá bán và khối lượng. Màn hình sẽ hiện bản xem trước của gian hàng.",
    "Bấm **Lưu** ở góc trên bên phải. Màn hình sẽ quay về danh sách với thông báo đã lưu.",
    "Đăng xuất khi dùng xong trên máy của người khác. Màn hình sẽ trở về trang đăng nhập.",
]

NOTES = [
    "Không bao giờ đọc mã OTP cho bất kỳ ai qua điện thoại, kể cả người xưng là cán bộ.",
    "Mật khẩu nên có ít nhất tám ký tự, gồm chữ hoa, chữ thường và chữ số.",
    "Nếu ứng dụng báo lỗi, hãy đóng hẳn ứng dụng rồi mở lại sau vài phút.",
    "Giữ thẻ căn cước ở nơi khô ráo, tránh để gần vật nặng làm cong chip.",
    "Chỉ tải ứng dụng từ kho ứng dụng chính thức của điện thoại.",
    "Ghi mã hồ sơ vào sổ tay để tra cứu khi cần.",
    "Cập nhật ứng dụng lên phiên bản mới nhất trước khi làm thủ tục.",
    "Hỏi tổ công nghệ số cộng đồng nếu thấy màn hình khác với hướng dẫn.",
    "Không dùng Wi-Fi công cộng khi thanh toán hoặc đăng nhập ngân hàng.",
    "Lệ phí, nếu có, được ghi rõ trước khi bạn bấm xác nhận.",
    "Người thân có thể làm giúp, nhưng bạn cần ngồi cạnh và tự nhập mật khẩu.",
    "Thời gian xử lý hồ sơ được tính theo ngày làm việc, không tính thứ Bảy và Chủ nhật.",
]

BODY = [
    "Trong thời gian đầu, nhiều người còn e ngại vì sợ bấm nhầm hoặc mất tiền trong tài khoản.",
    "Tổ công nghệ số cộng đồng đã đến từng nhà, ngồi cùng bà con làm thử từ bước đầu tiên.",
    "Sau vài buổi, các cụ đã tự mở được ứng dụng và kiểm tra thông tin của mình.",
    "Các bạn đoàn viên thanh niên chia nhau phụ trách từng xóm, mỗi người theo dõi khoảng mười hộ.",
    "Cán bộ phường cho biết số hồ sơ nộp trực tuyến tăng rõ rệt so với cùng kỳ năm trước.",
    "Tiểu thương ở chợ treo mã QR ngay cạnh quầy hàng để khách quét khi mua.",
    "Người bán không còn phải lo trả lại tiền lẻ, còn người mua không cần mang theo nhiều tiền mặt.",
    "Các gia đình có con cháu đi làm xa thường gọi video vào buổi tối sau bữa cơm.",
    "Khi gặp cuộc gọi lạ đề nghị chuyển tiền, hãy cúp máy và gọi lại cho người thân để kiểm tra.",
    "Nhà văn hoá thôn được dùng làm điểm hỗ trợ vào sáng thứ Bảy hằng tuần.",
    "Mỗi buổi hướng dẫn kéo dài khoảng hai giờ, có nước chè và chỗ ngồi cho người lớn tuổi.",
    "Những người đã thành thạo lại quay về hướng dẫn hàng xóm, tạo thành một vòng lan toả.",
    "Nông sản của hợp tác xã được chụp ảnh đẹp, ghi rõ nguồn gốc và giá bán trên mạng.",
    "Đơn hàng đầu tiên đến từ một khách ở thành phố, khiến cả thôn phấn khởi.",
    "Việc thanh toán học phí qua ứng dụng giúp phụ huynh không phải xin nghỉ làm để lên trường.",
    "Ở những nơi sóng yếu, tổ hỗ trợ mang theo bộ phát Wi-Fi để bà con làm thủ tục.",
    "Các tờ hướng dẫn in chữ to được dán ở nhà văn hoá và trạm y tế xã.",
    "Khi chưa rõ, người dân có thể gọi đến bộ phận một cửa trong giờ hành chính.",
    "Số liệu trong bài chỉ mang tính minh hoạ, không phải số liệu thống kê chính thức.",
    "Điều quan trọng nhất là không ai bị bỏ lại phía sau trên hành trình chuyển đổi số.",
    "Người cao tuổi học chậm hơn một chút, nhưng nhớ rất kỹ khi đã tự tay làm được.",
    "Trạm y tế xã đã nhận đặt lịch khám qua ứng dụng, giúp bớt cảnh xếp hàng từ sáng sớm.",
]

STRIKE = [
    "Trước đây ~~phải nộp bản sao có chứng thực~~, nay chỉ cần ảnh chụp giấy tờ gốc.",
    "Thời gian xử lý đã giảm từ ~~mười lăm ngày~~ xuống còn năm ngày làm việc.",
    "Bạn ~~cần mang sổ hộ khẩu~~ không cần mang sổ hộ khẩu giấy nữa.",
    "Lịch hỗ trợ ~~chiều thứ Sáu~~ đã chuyển sang sáng thứ Bảy.",
]

PORTALS = [
    "https://dichvucong.gov.vn/", "https://vneid.gov.vn/", "https://example.org/ho-tro",
    "https://baohiemxahoi.gov.vn/", "https://khonggianmang.vn/",
]
BARE_URL = [
    "Bạn có thể xem thêm thông tin tại {u} hoặc hỏi cán bộ một cửa.",
    "Trang chính thức là {u} và không có trang nào khác cùng chức năng.",
    "Nếu dùng máy tính, hãy mở trình duyệt và truy cập {u} để làm tương tự.",
]
LINK_SENT = [
    "Nếu chưa có tài khoản, hãy đọc trước [{t}]({u}).",
    "Xem thêm [{t}]({u}) để biết cách làm tiếp theo.",
    "Nhiều bà con đã tham khảo [{t}]({u}) trước khi bắt đầu.",
    "Bài [{t}]({u}) có thêm ví dụ cụ thể.",
]

EXTRA_HEADINGS = ["Câu hỏi thường gặp", "Kinh nghiệm từ cơ sở", "Giải thích thêm",
                  "Khi làm giúp người thân", "Sau khi hoàn thành", "Một vài ví dụ"]
SUB_HEADINGS = ["Trường hợp người cao tuổi", "Trường hợp không có điện thoại thông minh",
                "Khi mạng yếu", "Khi quên mật khẩu", "Ở vùng nông thôn", "Với học sinh"]

TABLE_ROWS = [
    ("Chuẩn bị giấy tờ", "Tại nhà", "5 phút"),
    ("Cài đặt ứng dụng", "Trên điện thoại", "10 phút"),
    ("Đăng nhập lần đầu", "Trên điện thoại", "5 phút"),
    ("Điền tờ khai", "Trên điện thoại", "10 phút"),
    ("Nộp lệ phí", "Ứng dụng ngân hàng", "3 phút"),
    ("Nhận kết quả", "Ví giấy tờ trên VNeID", "1–5 ngày"),
    ("Xác thực hồ sơ", "Bộ phận một cửa", "Trong ngày"),
    ("Hỏi đáp thắc mắc", "Nhà văn hoá thôn", "Sáng thứ Bảy"),
]

NEEDS = ["Điện thoại thông minh có kết nối Internet", "Thẻ căn cước có gắn chip",
         "Số điện thoại chính chủ đang dùng", "Tài khoản ngân hàng đứng tên bạn",
         "Ảnh chụp giấy tờ cần nộp", "Mật khẩu tài khoản VNeID mức 2", "Sổ tay và bút"]

ORGANIZER = "Tổ công nghệ số cộng đồng {name}"
PLACES = ["Nhà văn hoá tổ dân phố {n}", "Hội trường UBND {name}", "Nhà văn hoá thôn {n}",
          "Trường Trung học cơ sở {short}", "Chợ trung tâm {short}"]
REGISTRATION = ["Không cần đăng ký trước", "Đăng ký tại bộ phận một cửa",
                "https://example.org/dang-ky"]

SECTION_URL = {"guides": "/huong-dan/", "stories": "/cau-chuyen/", "events": "/su-kien/"}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def nfc(s):
    return unicodedata.normalize("NFC", s)


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(nfc(s), ensure_ascii=False)


def slugify(s):
    s = nfc(s).replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    out, dash = [], False
    for c in s:
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def lc(s):
    """Administrative name in running text: 'Phường Hoa Lư' -> 'phường Hoa Lư'."""
    return s[:1].lower() + s[1:]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(nfc(text))


def prepare_dir(d):
    """Create d; if it already holds a previous generated site, empty it first."""
    d = os.path.abspath(d)
    if os.path.isdir(d) and os.listdir(d):
        if not os.path.exists(os.path.join(d, MARKER)):
            sys.exit(f"gen_site: refusing to overwrite non-empty {d} (no {MARKER} marker)")
        shutil.rmtree(d)
    os.makedirs(d)
    write(os.path.join(d, MARKER), "generated by Benchmarks/gen_site.py; safe to delete\n")
    return d


# --------------------------------------------------------------------------
# Page model
# --------------------------------------------------------------------------

class Page:
    __slots__ = ("kind", "slug", "title", "summary", "fm", "hugo_date", "body", "url")


def plan_pages(n, rng):
    """Decide kind, title, slug and front matter of every page (bodies come later,
    so that they can link to any page)."""
    n_stories = round(n * 0.15)
    n_events = round(n * 0.10)
    kinds = ["stories"] * n_stories + ["events"] * n_events
    kinds += ["guides"] * (n - len(kinds))
    rng.shuffle(kinds)
    pages = []
    counters = {"guides": 0, "stories": 0, "events": 0}
    base = date(2025, 1, 1)
    for kind in kinds:
        counters[kind] += 1
        k = counters[kind]
        p = Page()
        p.kind = kind
        loc = rng.choice(LOCALITIES)
        if kind == "guides":
            topic = rng.choice(TOPICS)
            obj = rng.choice(GUIDE_OBJECTS[topic[0]])
            action = rng.choice(GUIDE_ACTIONS)
            p.title = f"{action} {obj}"
            if k > 1:
                p.title += f" (phần {k})"
            topics = [topic[0]]
            if rng.random() < 0.3:
                other = rng.choice(TOPICS)[0]
                if other != topic[0]:
                    topics.append(other)
            audience = sorted(set(rng.sample(AUDIENCES, rng.randint(1, 3))),
                              key=AUDIENCES.index)
            updated = base + timedelta(days=rng.randrange(730))
            p.summary = (f"Hướng dẫn từng bước giúp bạn {action.lower()} {obj}, "
                         f"kèm những lưu ý khi gặp khó khăn.")
            fm = [
                f"title: {q(p.title)}",
                f"summary: {q(p.summary)}",
                f"topics: [{', '.join(topics)}]",
                f"audience: [{', '.join(audience)}]",
                f"level: {rng.choice(['basic', 'basic', 'intermediate'])}",
                f"duration: {rng.choice([5, 10, 15, 20, 25, 30, 45])}",
                "needs:",
            ]
            fm += [f"  - {q(x)}" for x in rng.sample(NEEDS, rng.randint(1, 3))]
            fm.append(f"updated: {updated.isoformat()}")
            if k <= 6:
                fm.append("featured: true")
            p.hugo_date = updated.isoformat()
        elif kind == "stories":
            tpl, who = rng.choice(STORY_TITLES), rng.choice(STORY_WHO)
            t = tpl.format(who=who if tpl.startswith("{who}") else lc(who),
                           place=lc(loc[1]), thing=rng.choice(STORY_THING))
            p.title = f"{t} ({k})"
            p.summary = (f"Câu chuyện minh hoạ về cách người dân {lc(loc[1])} làm quen với "
                         f"công nghệ số trong đời sống hằng ngày.")
            d = base + timedelta(days=rng.randrange(730))
            fm = [
                f"title: {q(p.title)}",
                f"summary: {q(p.summary)}",
                f"model: {rng.choice(MODELS)[0]}",
                f"locality: {loc[0]}",
                f"date: {d.isoformat()}",
                f"author: {q('Ban biên tập')}",
            ]
            if rng.random() < 0.3:
                img = rng.randrange(N_IMAGES) + 1
                fm.append(f"image: {{src: /images/minh-hoa-{img:02d}.svg, "
                          f"alt: {q('Ảnh minh hoạ người dân ' + lc(loc[1]) + ' dùng điện thoại')}}}")
            fm.append("illustrative: true")
            p.hugo_date = d.isoformat()
        else:
            short = loc[1].split(" ", 1)[1]
            p.title = rng.choice(EVENT_TITLES).format(place=lc(loc[1])) + f" (đợt {k})"
            p.summary = (f"Buổi hỗ trợ trực tiếp cho người dân {lc(loc[1])}, "
                         f"có cán bộ và đoàn viên hướng dẫn từng người.")
            d = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
            fm = [f"title: {q(p.title)}", f"summary: {q(p.summary)}"]
            if rng.random() < 0.75:
                h = rng.choice([7, 8, 9, 13, 14, 15])
                fm.append(f"start: {d.isoformat()}T{h:02d}:{rng.choice(['00', '30'])}")
                fm.append(f"end: {d.isoformat()}T{h + rng.choice([2, 3]):02d}:00")
            else:
                fm.append(f"date: {d.isoformat()}")
                fm.append("all_day: true")
            place = rng.choice(PLACES).format(n=rng.randint(1, 12), name=lc(loc[1]), short=short)
            address = f"{loc[1]}, tỉnh Ninh Bình" if loc[3] != "province" else "Tỉnh Ninh Bình"
            fm += [
                f"location: {{name: {q(place)}, address: {q(address)}}}",
                f"locality: {loc[0]}",
                f"organizer: {q(ORGANIZER.format(name=lc(loc[1])))}",
                f"contact: {q('Bộ phận một cửa ' + lc(loc[1]) + ' (thông tin mẫu)')}",
                f"status: {rng.choices(['scheduled', 'cancelled', 'postponed'], [90, 5, 5])[0]}",
            ]
            if rng.random() < 0.6:
                fm.append(f"registration: {q(rng.choice(REGISTRATION))}")
            fm.append("illustrative: true")
            p.hugo_date = d.isoformat()
        if rng.random() < 0.02:
            fm.append(f"aliases: [/cu/{kind}-{k}/]")
        p.fm = fm
        pages.append(p)

    # unique, stable slugs
    seen = set()
    for p in pages:
        s = slugify(p.title)
        if s in seen:
            i = 2
            while f"{s}-{i}" in seen:
                i += 1
            s = f"{s}-{i}"
        seen.add(s)
        p.slug = s
        p.url = f"{SECTION_URL[p.kind]}{s}/"
    return pages


def para(rng, bank, lo, hi):
    return " ".join(rng.sample(bank, rng.randint(lo, hi)))


def link_sentence(rng, pages, self_page):
    other = rng.choice(pages)
    while other is self_page and len(pages) > 1:
        other = rng.choice(pages)
    return rng.choice(LINK_SENT).format(t=other.title, u=other.url)


def table(rng, head):
    rows = rng.sample(TABLE_ROWS, rng.randint(3, 5))
    out = [f"| {head[0]} | {head[1]} | {head[2]} |", "| --- | --- | --- |"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out)


def make_body(p, pages, rng, target):
    """Markdown body following the content-format conventions (## and ### only,
    one ordered list of steps, no raw HTML, root-relative internal links)."""
    b = []
    # intro: bold + internal link + bare URL autolink
    b.append(para(rng, INTRO, 2, 3) + " " + link_sentence(rng, pages, p))
    b.append(f"**{rng.choice(NOTES)}** " +
             rng.choice(BARE_URL).format(u=rng.choice(PORTALS)))
    if p.kind == "guides":
        b.append("## Các bước thực hiện")
    elif p.kind == "stories":
        b.append("## Bối cảnh")
        b.append(para(rng, BODY, 3, 5))
        b.append("## Những việc đã làm")
    else:
        b.append("## Nội dung buổi hướng dẫn")
    steps = rng.sample(STEPS, rng.randint(5, 9))
    b.append("\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)))
    b.append("## Lưu ý" if p.kind != "events" else "## Cần mang theo")
    b.append("\n".join(f"- {s}" for s in rng.sample(NOTES, rng.randint(3, 6))))
    b.append("## Thời gian dự kiến" if p.kind != "stories" else "## Kết quả bước đầu")
    b.append(table(rng, ("Việc", "Nơi thực hiện", "Thời gian")))
    b.append("## Nếu gặp khó khăn")
    b.append(rng.choice(STRIKE) + " " + para(rng, BODY, 2, 4) + " " +
             link_sentence(rng, pages, p))
    size = len("\n\n".join(b).encode("utf-8"))
    if size + 400 < target:
        b.append("## " + rng.choice(EXTRA_HEADINGS))
        size += 2 + len(b[-1].encode("utf-8"))
    sub = 0
    while True:
        r = rng.random()
        if r < 0.15 and sub < 3:
            blk = "### " + SUB_HEADINGS[(sub + rng.randrange(6)) % 6]
            sub += 1
        elif r < 0.25:
            blk = "\n".join(f"- {s}" for s in rng.sample(NOTES, rng.randint(2, 4)))
        else:
            blk = para(rng, BODY, 2, 5)
            if rng.random() < 0.3:
                blk += " " + link_sentence(rng, pages, p)
        n = 2 + len(blk.encode("utf-8"))
        if size + n > target:
            blk = rng.choice(BODY)  # top up with one short paragraph if it fits
            n = 2 + len(blk.encode("utf-8"))
            if size + n > target:
                break
        b.append(blk)
        size += n
    if b[-1].startswith("#"):  # never end on a heading
        b.pop()
    return "\n\n".join(b) + "\n"


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------

def data_files():
    def named(items):
        out = []
        for id_, name, name_en, desc, desc_en in items:
            out += [f"- id: {id_}", f"  name: {q(name)}", f"  name_en: {q(name_en)}",
                    f"  description: {q(desc)}", f"  description_en: {q(desc_en)}"]
        return "\n".join(out) + "\n"

    loc = []
    for id_, name, name_en, kind in LOCALITIES:
        loc += [f"- id: {id_}", f"  name: {q(name)}", f"  name_en: {q(name_en)}",
                f"  kind: {kind}", "  help:",
                f"    team: {q('Tổ công nghệ số cộng đồng ' + lc(name))}",
                f"    place: {q('Trung tâm phục vụ hành chính công ' + lc(name))}",
                f"    hours: {q('Thứ Hai – Thứ Sáu, 7:30–17:00')}",
                '    phone: "0000 000 000"', "  sample_contact: true"]
    tg = ["deadline: 2025-12-31", "indicators:"]
    for id_, name, name_en, target in TARGETS:
        tg += [f"  - id: {id_}", f"    name: {q(name)}", f"    name_en: {q(name_en)}",
               f"    target: {target}"]
    return {
        "topics.yml": named(TOPICS),
        "models.yml": named(MODELS),
        "localities.yml": "\n".join(loc) + "\n",
        "targets.yml": "\n".join(tg) + "\n",
    }


def svg(i):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" '
            f'viewBox="0 0 640 360"><rect width="640" height="360" fill="#e8f0e8"/>'
            f'<circle cx="{100 + i * 37}" cy="180" r="60" fill="#2a6f4e"/>'
            f'<text x="320" y="330" font-size="20" text-anchor="middle">Ảnh minh hoạ {i}</text>'
            f'</svg>\n')


HOME_BODY = ("Trang hướng dẫn kỹ năng số cho người dân: cài đặt VNeID, làm thủ tục "
             "trực tuyến, thanh toán an toàn và nhận biết lừa đảo.\n")
ABOUT_BODY = ("Đây là trang web thử nghiệm được sinh tự động để đo tốc độ dựng trang. "
              "Mọi nội dung chỉ mang tính minh hoạ.\n\n"
              "## Liên hệ\n\nBộ phận một cửa (thông tin mẫu).\n")


def fm_block(lines):
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def write_lantern(d, pages, data):
    c = os.path.join(d, "content")
    write(os.path.join(c, "site.yml"),
          "title: Benchmark\nbase_url: https://example.org/\n"
          # Hugo writes no .gz/.br twins; compare like with like.
          "precompress: false\n")
    write(os.path.join(c, "_index.md"),
          fm_block([f"title: {q('Benchmark')}",
                    f"summary: {q('Trang thử nghiệm tốc độ dựng trang.')}"]) + HOME_BODY)
    write(os.path.join(c, "gioi-thieu.md"),
          fm_block([f"title: {q('Giới thiệu')}",
                    f"summary: {q('Về trang web thử nghiệm này.')}"]) + ABOUT_BODY)
    for name, text in data.items():
        write(os.path.join(c, "data", name), text)
    for i in range(1, N_IMAGES + 1):
        write(os.path.join(c, "images", f"minh-hoa-{i:02d}.svg"), svg(i))
    for p in pages:
        write(os.path.join(c, p.kind, p.slug + ".md"), fm_block(p.fm) + p.body)
    tpl = os.path.join(REPO, "templates")
    if os.path.isdir(tpl):
        shutil.copytree(tpl, os.path.join(d, "templates"))
        return True
    return False


HUGO_TOML = """\
baseURL = "https://example.org/"
title = "Benchmark"
languageCode = "vi"
defaultContentLanguage = "vi"
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false
# Lantern renders every non-draft page; Hugo would skip future-dated ones (events!).
buildFuture = true
buildExpired = true
# Lantern pages take their URL from the file name under a Vietnamese section path.
[permalinks]
  guides = "/huong-dan/:filename/"
  stories = "/cau-chuyen/:filename/"
  events = "/su-kien/:filename/"
[markup]
  [markup.goldmark]
    [markup.goldmark.extensions]
      # GFM: table, strikethrough, linkify (bare URL autolinks) stay on.
      typographer = false
      definitionList = false
      footnote = false
      taskList = false
    [markup.goldmark.renderer]
      unsafe = false
  [markup.highlight]
    codeFences = false
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
{{ partial "header.html" . }}
<main id="noi-dung">
{{ block "main" . }}{{ end }}
</main>
{{ partial "footer.html" . }}
</body>
</html>
"""

HEADER = """\
<header>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<a class="brand" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Chính">
<ul>
<li><a href="/huong-dan/">Hướng dẫn</a></li>
<li><a href="/cau-chuyen/">Câu chuyện</a></li>
<li><a href="/su-kien/">Sự kiện</a></li>
<li><a href="/gioi-thieu/">Giới thiệu</a></li>
</ul>
</nav>
</header>
"""

FOOTER = """\
<footer>
<p>{{ site.Title }} · Nội dung minh hoạ · <a href="/gioi-thieu/">Giới thiệu</a></p>
</footer>
"""

SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></p>
{{ if eq .Section "guides" }}
<dl class="facts">
<dt>Chủ đề</dt><dd>{{ range .Params.topics }}{{ $id := . }}{{ range where site.Data.topics "id" $id }}<a href="/chu-de/{{ .id }}/">{{ .name }}</a> {{ end }}{{ end }}</dd>
<dt>Thời gian</dt><dd>{{ .Params.duration }} phút</dd>
</dl>
{{ with .Params.needs }}<h2>Cần chuẩn bị</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ else if eq .Section "stories" }}
{{ $m := .Params.model }}{{ $l := .Params.locality }}
<p class="facts">{{ range where site.Data.models "id" $m }}{{ .name }}{{ end }} · {{ range where site.Data.localities "id" $l }}{{ .name }}{{ end }}</p>
{{ with .Params.image }}<img src="{{ .src }}" alt="{{ .alt }}">{{ end }}
{{ else if eq .Section "events" }}
{{ $l := .Params.locality }}
<dl class="facts">
<dt>Thời gian</dt><dd>{{ with .Params.start }}{{ . }} – {{ $.Params.end }}{{ else }}Cả ngày{{ end }}</dd>
<dt>Địa điểm</dt><dd>{{ .Params.location.name }}, {{ .Params.location.address }}</dd>
<dt>Địa bàn</dt><dd>{{ range where site.Data.localities "id" $l }}{{ .name }}{{ end }}</dd>
<dt>Đơn vị tổ chức</dt><dd>{{ .Params.organizer }}</dd>
</dl>
{{ end }}
{{ if .Params.illustrative }}<p class="note">Nội dung minh hoạ.</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="cards">
{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
"""

INDEX = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Hướng dẫn nổi bật</h2>
<ul class="cards">
{{ range where (where site.RegularPages "Section" "guides") "Params.featured" true }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
<h2>Câu chuyện mới</h2>
<ul class="cards">
{{ range first 6 (where site.RegularPages "Section" "stories").ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
"""


def write_hugo(d, pages, data):
    write(os.path.join(d, "hugo.toml"), HUGO_TOML)
    lay = os.path.join(d, "layouts")
    write(os.path.join(lay, "_default", "baseof.html"), BASEOF)
    write(os.path.join(lay, "_default", "single.html"), SINGLE)
    write(os.path.join(lay, "_default", "list.html"), LIST)
    write(os.path.join(lay, "index.html"), INDEX)
    write(os.path.join(lay, "partials", "header.html"), HEADER)
    write(os.path.join(lay, "partials", "footer.html"), FOOTER)
    for name, text in data.items():
        write(os.path.join(d, "data", name), text)
    for i in range(1, N_IMAGES + 1):
        write(os.path.join(d, "static", "images", f"minh-hoa-{i:02d}.svg"), svg(i))
    c = os.path.join(d, "content")
    write(os.path.join(c, "_index.md"),
          fm_block([f"title: {q('Benchmark')}",
                    f"summary: {q('Trang thử nghiệm tốc độ dựng trang.')}"]) + HOME_BODY)
    write(os.path.join(c, "gioi-thieu.md"),
          fm_block([f"title: {q('Giới thiệu')}",
                    f"summary: {q('Về trang web thử nghiệm này.')}"]) + ABOUT_BODY)
    for kind, title in (("guides", "Hướng dẫn"), ("stories", "Câu chuyện"),
                        ("events", "Sự kiện")):
        write(os.path.join(c, kind, "_index.md"),
              fm_block([f"title: {q(title)}", f"url: {SECTION_URL[kind]}"]))
    for p in pages:
        fm = list(p.fm)
        if not any(line.startswith("date:") for line in fm):
            fm.append(f"date: {p.hugo_date}")
        write(os.path.join(c, p.kind, p.slug + ".md"), fm_block(fm) + p.body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000, help="number of pages (default 10000)")
    ap.add_argument("--lantern", help="output folder for the Lantern site")
    ap.add_argument("--hugo", help="output folder for the Hugo site")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not a.lantern and not a.hugo:
        ap.error("give --lantern DIR and/or --hugo DIR")
    if a.pages < 1:
        ap.error("--pages must be at least 1")

    rng = random.Random(a.seed)
    pages = plan_pages(a.pages, rng)
    for p in pages:
        # whole file (front matter + body) aims at 3.1-6.0 KB
        fm_len = len(fm_block(p.fm).encode("utf-8"))
        p.body = make_body(p, pages, rng, rng.randint(3100, 6000) - fm_len)
    data = data_files()

    sizes = sorted(len((fm_block(p.fm) + p.body).encode("utf-8")) for p in pages)
    counts = {k: sum(1 for p in pages if p.kind == k) for k in SECTION_URL}
    if a.lantern:
        d = prepare_dir(a.lantern)
        has_tpl = write_lantern(d, pages, data)
        print(f"lantern site: {d}" + ("" if has_tpl else
              f"  (note: {os.path.join(REPO, 'templates')} not found, no templates copied)"))
    if a.hugo:
        d = prepare_dir(a.hugo)
        write_hugo(d, pages, data)
        print(f"hugo site:    {d}")
    total = sum(sizes)
    print(f"pages: {len(pages)} (guides {counts['guides']}, stories {counts['stories']}, "
          f"events {counts['events']}); page bytes: avg {total / len(pages):.0f}, "
          f"min {sizes[0]}, median {sizes[len(sizes) // 2]}, max {sizes[-1]}; "
          f"total {total / 1048576:.1f} MiB")


if __name__ == "__main__":
    main()

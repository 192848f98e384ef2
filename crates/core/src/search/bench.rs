//! The search benchmark: a generated archive of drafts and meetings with varied Vietnamese
//! text, and the latency of a fixed set of queries (median and p95) beside a naive
//! `LIKE '%…%'` scan over the same rows. Run on a release build (`bench search`).

use super::{search_with, SearchQuery};
use crate::documents::{create_draft_in, Block, DocumentContent, DocumentType, Run};
use crate::error::Result;
use crate::error::Sql;
use crate::store::Store;
use serde::Serialize;
use std::time::Instant;

/// Subjects and sentences the generated documents are made of; one subject in about 14
/// (7 %) speaks of "hồ sơ sức khỏe điện tử".
const SUBJECTS: &[&str] = &[
    "Kế hoạch chuyển đổi số năm {y}",
    "Kết luận phiên họp Ban Chỉ đạo quý {q} năm {y}",
    "Triển khai hồ sơ sức khỏe điện tử trên địa bàn tỉnh",
    "Báo cáo tình hình thực hiện Đề án 06 tháng {m}/{y}",
    "Đôn đốc cập nhật dữ liệu dân cư vào cơ sở dữ liệu quốc gia",
    "Tổ chức tập huấn kỹ năng số cho cán bộ cấp xã",
    "Phân công nhiệm vụ thành viên Tổ Công tác",
    "Kiểm tra việc cung cấp dịch vụ công trực tuyến toàn trình",
    "Xây dựng kho dữ liệu dùng chung của tỉnh",
    "Thanh toán không dùng tiền mặt trong bệnh viện, trường học",
    "Chữ ký số cho người dân và doanh nghiệp",
    "Bảo đảm an toàn thông tin mạng các hệ thống dùng chung",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Nâng cấp Trung tâm điều hành thông minh tỉnh",
];
const SENTENCES: &[&str] = &[
    "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố, thị xã khẩn trương triển khai thực hiện.",
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh.",
    "Sở Y tế hướng dẫn các cơ sở khám bệnh, chữa bệnh kết nối hồ sơ sức khỏe điện tử với ứng dụng VNeID.",
    "Công an tỉnh làm sạch dữ liệu dân cư, bảo đảm đúng, đủ, sạch, sống.",
    "Báo cáo kết quả thực hiện về Tổ Công tác trước ngày 25 hằng tháng để tổng hợp.",
    "Sở Tài chính bố trí kinh phí thực hiện từ nguồn ngân sách chi thường xuyên.",
    "Tăng cường tuyên truyền để người dân biết, sử dụng các nền tảng số.",
    "Rà soát, đánh giá mức độ sẵn sàng chuyển đổi số của các cơ quan, địa phương.",
    "Sở Giáo dục và Đào tạo triển khai học bạ số tại các trường trung học phổ thông.",
    "Ngân hàng Nhà nước chi nhánh tỉnh đôn đốc mở rộng thanh toán không dùng tiền mặt.",
];

/// A tiny deterministic generator, so that every run builds the same archive.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn fill(template: &str, year: i32, r: &mut Lcg) -> String {
    template
        .replace("{y}", &year.to_string())
        .replace("{q}", ["I", "II", "III", "IV"][r.next(4)])
        .replace("{m}", &(1 + r.next(12)).to_string())
}

/// Adds `count` drafts (a subject, four to ten sentences of body) dated over `years` years up
/// to `last_year`, a thousand per transaction; `progress` is told each thousand.
pub fn generate_documents(
    store: &mut Store,
    count: u32,
    last_year: i32,
    years: u32,
    mut progress: impl FnMut(u32),
) -> Result<()> {
    let base = crate::documents::bench::one_page_announcement()?;
    let mut r = Lcg(42);
    let years = years.max(1);
    let per_year = count.div_ceil(years).max(1);
    let types = [DocumentType::Announcement, DocumentType::Plan, DocumentType::Report, DocumentType::OfficialLetter];
    let mut done = 0;
    while done < count {
        let batch = (count - done).min(1000);
        store.write(|tx| {
            for i in done..done + batch {
                let year = last_year - (years - 1) as i32 + (i / per_year) as i32;
                let day = 1 + (i % per_year) * 360 / per_year;
                let mut doc: DocumentContent = base.clone();
                doc.doc_type = types[r.next(types.len())];
                doc.date = chrono::NaiveDate::from_yo_opt(year, day.min(365));
                doc.subject = fill(SUBJECTS[r.next(SUBJECTS.len())], year, &mut r);
                let sentences = 4 + r.next(7);
                doc.body = (0..sentences)
                    .map(|_| Block::Paragraph { runs: vec![Run::plain(SENTENCES[r.next(SENTENCES.len())])] })
                    .collect();
                create_draft_in(tx, &doc)?;
            }
            Ok(())
        })?;
        done += batch;
        progress(done);
    }
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct QueryFigure {
    pub query: String,
    pub hits: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    /// The same words found by `LIKE '%…%'` over subjects and contents (as typed).
    pub like_rows: usize,
    pub like_median_ms: f64,
}

#[derive(Debug, Serialize)]
pub struct SearchFigures {
    pub documents: u32,
    pub indexed: u32,
    pub queries: Vec<QueryFigure>,
    /// Over every run of every query.
    pub median_ms: f64,
    pub p95_ms: f64,
    pub like_median_ms: f64,
}

/// The queries timed: with and without diacritics, one word and many, a phrase, a prefix.
pub const QUERIES: &[&str] = &[
    "ke hoach chuyen doi so 2025",
    "Kế hoạch chuyển đổi số",
    "ho so suc khoe dien tu",
    "\"ho so suc khoe\"",
    "thanh toan khong dung tien mat",
    "so y te",
    "du lieu dan cu",
    "trung tam dieu hanh",
    "vneid",
    "chu ky so",
    "tap huan ky nang",
    "bao cao ket qua",
];

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Times every query `runs` times (a page of 50 results, marks and excerpts included).
pub fn measure(store: &Store, runs: usize) -> Result<SearchFigures> {
    let documents: u32 = store.read(|c| c.query_row("SELECT count(*) FROM document", [], |r| r.get(0)).sql())?;
    let indexed: u32 = store.read(|c| c.query_row("SELECT count(*) FROM search_index", [], |r| r.get(0)).sql())?;
    let mut all = Vec::new();
    let mut all_like = Vec::new();
    let mut queries = Vec::new();
    for q in QUERIES {
        let query = SearchQuery { text: q.to_string(), limit: 50, ..Default::default() };
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            hits = store.read(|c| search_with(c, &query))?.len();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let pattern = format!("%{}%", q.trim_matches('"'));
        let mut like_times = Vec::new();
        let mut like_rows = 0;
        for _ in 0..runs.clamp(1, 3) {
            let start = Instant::now();
            like_rows = store.read(|c| {
                let mut stmt = c
                    .prepare_cached(
                        "SELECT id FROM document WHERE subject LIKE ?1 OR content LIKE ?1
                     UNION ALL SELECT id FROM meeting WHERE title LIKE ?1 OR notes LIKE ?1",
                    )
                    .sql()?;
                let n = stmt.query_map([&pattern], |_| Ok(())).sql()?.count();
                Ok(n)
            })?;
            like_times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        like_times.sort_by(|a, b| a.total_cmp(b));
        all.extend(times.iter().copied());
        all_like.extend(like_times.iter().copied());
        queries.push(QueryFigure {
            query: q.to_string(),
            hits,
            median_ms: quantile(&times, 0.5),
            p95_ms: quantile(&times, 0.95),
            like_rows,
            like_median_ms: quantile(&like_times, 0.5),
        });
    }
    all.sort_by(|a, b| a.total_cmp(b));
    all_like.sort_by(|a, b| a.total_cmp(b));
    Ok(SearchFigures {
        documents,
        indexed,
        queries,
        median_ms: quantile(&all, 0.5),
        p95_ms: quantile(&all, 0.95),
        like_median_ms: quantile(&all_like, 0.5),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_archive_is_found_by_its_words() {
        let mut store = Store::open_in_memory().unwrap();
        let mut told = Vec::new();
        generate_documents(&mut store, 300, 2025, 3, |n| told.push(n)).unwrap();
        assert_eq!(told, [300]);
        let f = measure(&store, 1).unwrap();
        assert_eq!(f.documents, 300);
        assert!(f.indexed >= 300);
        let first = &f.queries[0];
        assert_eq!(first.query, "ke hoach chuyen doi so 2025");
        assert!(first.hits > 0, "{first:?}");
        // LIKE cannot fold diacritics: the unaccented query finds nothing that way.
        assert_eq!(first.like_rows, 0);
        assert!(f.queries.iter().find(|q| q.query == "ho so suc khoe dien tu").unwrap().hits > 0);
    }
}

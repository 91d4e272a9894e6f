//! The figures of a load run: rates, latency percentiles, blocks by author, the nodes' CPU and
//! memory, as a JSON document; and a PNG plot of throughput and latency over time.

use std::{collections::BTreeMap, path::Path};

use anyhow::{anyhow, Context, Result};
use serde_json::{json, Value};

use super::run::Request;

/// What happened to one transaction, in seconds since the run's start.
pub struct TxTimes {
	/// When it was handed to a node.
	pub submitted: Option<f64>,
	/// When it was first seen in a best block.
	pub in_block: Option<f64>,
	/// When its block was seen finalized.
	pub finalized: Option<f64>,
	/// Why the node refused it.
	pub refused: Option<String>,
}

/// A finalized block of the run.
pub struct BlockTimes {
	/// Its number.
	pub number: u64,
	/// Its author (city name, or Aura key).
	pub author: String,
	/// All its extrinsics (inherents included).
	pub extrinsics: usize,
	/// The run's transactions in it.
	pub ours: usize,
	/// When it was seen finalized.
	pub finalized_at: f64,
}

/// One sample of a node process.
pub struct Sample {
	/// The process's name in the run.
	pub name: String,
	/// Seconds since the run started.
	pub at: f64,
	/// User + system CPU seconds since the process started.
	pub cpu_seconds: f64,
	/// Resident memory in KiB.
	pub rss_kib: u64,
}

/// The `p`-th percentile (0–100) of sorted `values`, nearest rank.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
	if sorted.is_empty() {
		return None;
	}
	let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
	Some(sorted[rank.min(sorted.len()) - 1])
}

/// p50, p95, p99 and max of `values` in milliseconds.
fn latency(mut values: Vec<f64>) -> Value {
	values.sort_by(|a, b| a.total_cmp(b));
	let ms = |v: Option<f64>| v.map(|s| (s * 1000.0).round() as u64);
	json!({
		"count": values.len(),
		"p50": ms(percentile(&values, 50.0)),
		"p95": ms(percentile(&values, 95.0)),
		"p99": ms(percentile(&values, 99.0)),
		"max": ms(values.last().copied()),
	})
}

/// The run's report as a JSON document.
pub fn summarise(
	req: &Request,
	txs: &[TxTimes],
	blocks: &[BlockTimes],
	samples: &[Sample],
	first_block: Option<u64>,
) -> Value {
	let submitted = txs.iter().filter(|t| t.submitted.is_some()).count();
	let mut refused: BTreeMap<String, usize> = BTreeMap::new();
	for reason in txs.iter().filter_map(|t| t.refused.as_deref()) {
		*refused.entry(reason.to_string()).or_default() += 1;
	}
	let accepted = submitted - refused.values().sum::<usize>();
	let in_block = txs.iter().filter(|t| t.in_block.is_some()).count();
	let finalized = txs.iter().filter(|t| t.finalized.is_some()).count();

	// The steady state: from a warm-up (a sixth of the run, at most 10 s) to the end of
	// submission.
	let duration = req.duration as f64;
	let warm = (duration / 6.0).min(10.0);
	let in_window =
		txs.iter().filter_map(|t| t.finalized).filter(|&f| f >= warm && f <= duration).count();
	let steady = in_window as f64 / (duration - warm);
	let overall_end = txs.iter().filter_map(|t| t.finalized).fold(0.0, f64::max);

	let to_block: Vec<f64> = txs.iter().filter_map(|t| Some(t.in_block? - t.submitted?)).collect();
	let to_final: Vec<f64> = txs.iter().filter_map(|t| Some(t.finalized? - t.submitted?)).collect();

	// Blocks by author: how many, how many carried the run's transactions, how many of them.
	let mut authors: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
	let run_blocks: Vec<&BlockTimes> =
		blocks.iter().filter(|b| first_block.map_or(true, |f| b.number > f)).collect();
	for b in &run_blocks {
		let entry = authors.entry(b.author.as_str()).or_default();
		entry.0 += 1;
		entry.1 += (b.ours > 0) as usize;
		entry.2 += b.ours;
	}
	let by_author: BTreeMap<&str, Value> = authors
		.into_iter()
		.map(|(a, (n, with, ours))| {
			(a, json!({ "blocks": n, "blocks_with_load": with, "transactions": ours }))
		})
		.collect();

	// Per second: submitted, finalized, and the finality latency of those submitted then.
	let seconds = overall_end.max(duration).ceil() as usize + 1;
	let mut series = vec![(0usize, 0usize, Vec::new()); seconds];
	for t in txs {
		if let Some(s) = t.submitted {
			let slot = &mut series[(s as usize).min(seconds - 1)];
			slot.0 += 1;
			if let Some(f) = t.finalized {
				slot.2.push(f - s);
			}
		}
		if let Some(f) = t.finalized {
			series[(f as usize).min(seconds - 1)].1 += 1;
		}
	}
	let series: Vec<Value> = series
		.into_iter()
		.enumerate()
		.map(|(second, (sub, fin, mut lat))| {
			lat.sort_by(|a, b| a.total_cmp(b));
			json!({
				"second": second,
				"submitted": sub,
				"finalized": fin,
				"finality_p50_ms": percentile(&lat, 50.0).map(|s| (s * 1000.0).round() as u64),
				"finality_max_ms": lat.last().map(|s| (s * 1000.0).round() as u64),
			})
		})
		.collect();

	json!({
		"label": req.label,
		"kind": format!("{:?}", req.kind).to_lowercase(),
		"rate_per_s": req.rate,
		"duration_s": req.duration,
		"submitted_to": req.submit,
		"submitted": submitted,
		"accepted": accepted,
		"refused": refused,
		"in_block": in_block,
		"finalized": finalized,
		"accepted_not_finalized": accepted.saturating_sub(finalized),
		"finalized_per_s": {
			"steady": (steady * 10.0).round() / 10.0,
			"window_s": [warm, duration],
			"overall": if overall_end > 0.0 { (finalized as f64 / overall_end * 10.0).round() / 10.0 } else { 0.0 },
		},
		"latency_ms": {
			"submit_to_in_block": latency(to_block),
			"submit_to_finalized": latency(to_final),
		},
		"blocks": {
			"finalized_during_run": run_blocks.len(),
			"by_author": by_author,
			"most_in_one_block": run_blocks.iter().map(|b| b.ours).max().unwrap_or(0),
			"list": run_blocks.iter().map(|b| json!([b.number, b.author, b.extrinsics, b.ours, (b.finalized_at * 1000.0).round() as u64])).collect::<Vec<_>>(),
			"list_columns": ["number", "author", "extrinsics", "run_transactions", "finalized_at_ms"],
		},
		"processes": processes(samples),
		"series": series,
	})
}

/// Each sampled process's CPU use (percent of one core, mean and peak over one-second steps)
/// and peak resident memory.
fn processes(samples: &[Sample]) -> Value {
	let mut by_name: BTreeMap<&str, Vec<&Sample>> = BTreeMap::new();
	for s in samples {
		by_name.entry(&s.name).or_default().push(s);
	}
	let mut out = serde_json::Map::new();
	for (name, list) in by_name {
		let steps: Vec<f64> = list
			.windows(2)
			.filter(|w| w[1].at > w[0].at)
			.map(|w| (w[1].cpu_seconds - w[0].cpu_seconds) / (w[1].at - w[0].at) * 100.0)
			.collect();
		let (first, last) = (list[0], list[list.len() - 1]);
		let mean = if last.at > first.at {
			(last.cpu_seconds - first.cpu_seconds) / (last.at - first.at) * 100.0
		} else {
			0.0
		};
		out.insert(
			name.to_string(),
			json!({
				"cpu_mean_pct": mean.round(),
				"cpu_peak_pct": steps.iter().copied().fold(0.0, f64::max).round(),
				"rss_peak_mib": list.iter().map(|s| s.rss_kib).max().unwrap_or(0) / 1024,
			}),
		);
	}
	Value::Object(out)
}

/// The font the plot's text is drawn with (Debian's fonts-dejavu-core).
const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// Draws `report`'s per-second series into a PNG at `out`: transactions per second submitted
/// and finalized (top), and the finality latency of each second's submissions, median and
/// worst (bottom).
pub fn plot(report: &Value, out: &Path) -> Result<()> {
	use plotters::prelude::*;

	let font = std::fs::read(FONT).with_context(|| {
		format!("cannot read the plot's font {FONT} (install Debian's fonts-dejavu-core)")
	})?;
	plotters::style::register_font("sans-serif", FontStyle::Normal, Box::leak(font.into()))
		.map_err(|_| anyhow!("{FONT} is not a font plotters can use"))?;

	let series = report["series"].as_array().cloned().unwrap_or_default();
	let col = |key: &str| -> Vec<(f64, f64)> {
		series.iter().filter_map(|p| Some((p["second"].as_f64()?, p[key].as_f64()?))).collect()
	};
	let (submitted, finalized) = (col("submitted"), col("finalized"));
	let (p50, worst) = (col("finality_p50_ms"), col("finality_max_ms"));
	let seconds = series.len().max(1) as f64;
	let top_y = submitted.iter().chain(&finalized).map(|p| p.1).fold(1.0, f64::max) * 1.1;
	let low_y = worst.iter().map(|p| p.1 / 1000.0).fold(1.0, f64::max) * 1.1;

	let root = BitMapBackend::new(out, (1200, 800)).into_drawing_area();
	root.fill(&WHITE).map_err(|e| anyhow!("cannot draw {}: {e}", out.display()))?;
	let (upper, lower) = root.split_vertically(400);
	let title = format!(
		"{}: {} tx/s offered for {} s, {} tx/s finalized (steady)",
		report["label"].as_str().unwrap_or("load"),
		report["rate_per_s"],
		report["duration_s"],
		report["finalized_per_s"]["steady"]
	);
	let draw = || -> std::result::Result<(), Box<dyn std::error::Error + '_>> {
		let mut chart = ChartBuilder::on(&upper)
			.caption(title, ("sans-serif", 20))
			.margin(10)
			.x_label_area_size(35)
			.y_label_area_size(60)
			.build_cartesian_2d(0.0..seconds, 0.0..top_y)?;
		chart.configure_mesh().x_desc("seconds").y_desc("transactions / s").draw()?;
		chart
			.draw_series(LineSeries::new(submitted, &BLUE))?
			.label("submitted")
			.legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
		chart
			.draw_series(LineSeries::new(finalized, &RED))?
			.label("finalized")
			.legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED));
		chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw()?;

		let mut chart = ChartBuilder::on(&lower)
			.margin(10)
			.x_label_area_size(35)
			.y_label_area_size(60)
			.build_cartesian_2d(0.0..seconds, 0.0..low_y)?;
		chart
			.configure_mesh()
			.x_desc("second of submission")
			.y_desc("submit → finalized (s)")
			.draw()?;
		chart
			.draw_series(LineSeries::new(p50.into_iter().map(|(x, y)| (x, y / 1000.0)), &GREEN))?
			.label("median")
			.legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], GREEN));
		chart
			.draw_series(LineSeries::new(
				worst.into_iter().map(|(x, y)| (x, y / 1000.0)),
				&MAGENTA,
			))?
			.label("worst")
			.legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], MAGENTA));
		chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw()?;
		root.present()?;
		Ok(())
	};
	draw().map_err(|e| anyhow!("cannot draw {}: {e}", out.display()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_are_nearest_rank() {
		let v: Vec<f64> = (1..=100).map(f64::from).collect();
		assert_eq!(percentile(&v, 50.0), Some(50.0));
		assert_eq!(percentile(&v, 99.0), Some(99.0));
		assert_eq!(percentile(&v, 100.0), Some(100.0));
		assert_eq!(percentile(&[], 50.0), None);
	}

	#[test]
	fn a_run_is_summarised_by_rate_latency_and_author() {
		let req = Request {
			kind: super::super::run::Kind::Remark,
			rate: 2,
			duration: 6,
			submit: vec!["ws://127.0.0.1:9944".into()],
			plan: None,
			signers: vec![],
			drain: 0,
			processes: vec![],
			label: "t".into(),
		};
		// Twelve transactions, submitted twice a second; one refused, the rest final 2 s later.
		let txs: Vec<TxTimes> = (0..12)
			.map(|i| {
				let s = i as f64 / 2.0;
				TxTimes {
					submitted: Some(s),
					in_block: (i != 3).then_some(s + 0.5),
					finalized: (i != 3).then_some(s + 2.0),
					refused: (i == 3).then(|| "stale".to_string()),
				}
			})
			.collect();
		let blocks = vec![
			BlockTimes {
				number: 5,
				author: "Baiyin".into(),
				extrinsics: 3,
				ours: 2,
				finalized_at: 3.0,
			},
			BlockTimes {
				number: 6,
				author: "Lanzhou".into(),
				extrinsics: 1,
				ours: 0,
				finalized_at: 6.0,
			},
			BlockTimes {
				number: 4,
				author: "Lanzhou".into(),
				extrinsics: 1,
				ours: 0,
				finalized_at: 0.5,
			},
		];
		let r = summarise(&req, &txs, &blocks, &[], Some(4));
		assert_eq!(r["submitted"], 12);
		assert_eq!(r["accepted"], 11);
		assert_eq!(r["refused"]["stale"], 1);
		assert_eq!(r["finalized"], 11);
		assert_eq!(r["latency_ms"]["submit_to_finalized"]["p50"], 2000);
		assert_eq!(r["latency_ms"]["submit_to_in_block"]["p99"], 500);
		assert_eq!(r["blocks"]["finalized_during_run"], 2);
		assert_eq!(r["blocks"]["by_author"]["Baiyin"]["transactions"], 2);
		assert_eq!(r["blocks"]["by_author"]["Lanzhou"]["blocks_with_load"], 0);
		// Finalized between 1 s and 6 s: those submitted from 0 to 4 s (9, one refused: 8).
		assert_eq!(r["finalized_per_s"]["steady"], 1.6);
	}
}

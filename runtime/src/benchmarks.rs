//! The pallets whose benchmarks this runtime runs (`runtime-benchmarks` feature), for
//! `scripts/benchmark.sh`.

frame_benchmarking::define_benchmarks!(
	[pallet_consortium, Consortium]
	[pallet_certificates, Certificates]
	[pallet_tendering, Tendering]
	[pallet_award, Award]
	[pallet_notary, Notary]
	[pallet_expert_draw, ExpertDraw]
	[pallet_recognition, Recognition]
	[pallet_bridge_grandpa, PeerBridge0]
);

//! The configuration of each pallet in the runtime.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		ConstBool, ConstU128, ConstU32, ConstU64, Contains, EitherOfDiverse, NeverEnsureOrigin,
		VariantCountOf,
	},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

// `RuntimeOrigin`, `RuntimeTask` and `PalletInfo` are injected by `derive_impl`.
use frame_system::EnsureRoot;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use super::{
	opaque::SessionKeys, AccountId, Aura, Balances, Block, BlockNumber, Consortium, Council, Hash,
	Nonce, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	RuntimeOrigin, RuntimeTask, DAYS, SLOT_DURATION, VERSION,
};

/// Ordinary extrinsics may fill 75% of a block; the rest is kept for operational ones
/// (governance), so that the consortium can always act.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The largest block, in bytes.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	/// How many recent block hashes are kept, for mortal transactions.
	pub const BlockHashCount: BlockNumber = 2400;
	/// The runtime version, as seen by `CheckSpecVersion`.
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per block: two thirds of the 3 s slot, leaving time to
	/// propagate and import the block.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB per block, of which ordinary extrinsics may fill 75%.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
		})
		.build();
	/// The generic Substrate SS58 prefix (42): addresses look as in polkadot.js' default.
	pub const SS58Prefix: u8 = 42;
}

/// The system pallet: accounts, blocks, events. Accounts carry pallet-balances' `AccountData`,
/// which pallet-session's key deposit needs, but hold no currency: nobody has a balance, and
/// transfers are not callable (see [`TransactionCalls`]).
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type BaseCallFilter = TransactionCalls;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

/// Aura block production. Each city's validator authors in turn.
impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	/// At most 64 city validators.
	type MaxAuthorities = ConstU32<64>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

/// GRANDPA finality. Equivocation reports are not processed yet: a consortium removes a
/// misbehaving city by vote.
impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<64>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// Block timestamps, set by the block author through an inherent and checked by every importer.
impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// Half the slot: Aura's slot duration is twice this period.
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

/// What transactions may call. Session keys and the node allow-list change only through the
/// consortium pallet (which keeps the city register consistent with them), and there is no
/// currency to transfer. `System::remark*` would only take block space, and
/// `System::apply_authorized_upgrade` takes a runtime of any size from any signer (an upgrade
/// is enacted by the council with `System::set_code` as Root). Root (reached only through a two-thirds council motion, by
/// `Consortium::enact`) is not filtered.
pub struct TransactionCalls;
impl Contains<RuntimeCall> for TransactionCalls {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Session(_)
				| RuntimeCall::NodeAuthorization(_)
				| RuntimeCall::Balances(_)
				| RuntimeCall::System(
					frame_system::Call::remark { .. }
						| frame_system::Call::remark_with_event { .. }
						| frame_system::Call::apply_authorized_upgrade { .. }
				)
		)
	}
}

/// A balance. Nobody holds one: the chain has no fees; pallet-session's key deposit is zero.
pub type Balance = u128;

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = frame_system::Pallet<Runtime>;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<8>;
	type MaxReserves = ConstU32<8>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// The council instance of pallet-collective.
pub type CouncilCollective = pallet_collective::Instance1;

/// The consortium: two thirds of the council (of the admitted cities' trading centres), or Root,
/// which is itself reached only through such a motion (`Consortium::enact`): the runtime has no
/// sudo key on any chain.
pub type ConsortiumOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

parameter_types! {
	pub CouncilMaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
	/// How long a council motion stays open: a working week of city offices, in blocks.
	pub const CouncilMotionDuration: BlockNumber = 7 * DAYS;
}

/// The council's rule for members who did not vote when a motion is closed at the end of its
/// term: they count as nays. There is no prime member's default vote and no "more than half
/// then everyone" rule, so a motion passes only with the ayes it needs — for the consortium
/// origin, two thirds of the cities.
pub struct AbstentionsAreNays;
impl pallet_collective::DefaultVote for AbstentionsAreNays {
	fn default_vote(
		_prime_vote: Option<bool>,
		_yes_votes: pallet_collective::MemberCount,
		_no_votes: pallet_collective::MemberCount,
		_len: pallet_collective::MemberCount,
	) -> bool {
		false
	}
}

/// The council of the cities' trading centres. Members follow the city register; a motion is
/// the consortium's act when two thirds of the cities vote aye ([`ConsortiumOrigin`]);
/// abstentions count as nays ([`AbstentionsAreNays`]); the queue holds 256 motions, at most 4
/// per member (`pallet_consortium::ProposalTicket`), so that no city can fill it alone.
impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	/// 64 cities with 4 open motions each.
	type MaxProposals = ConstU32<256>;
	type MaxMembers = ConstU32<64>;
	type DefaultVote = AbstentionsAreNays;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership follows the city register only.
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = CouncilMaxProposalWeight;
	type DisapproveOrigin = ConsortiumOrigin;
	type KillOrigin = ConsortiumOrigin;
	/// At most `MaxOpenProposalsPerMember` open motions per member.
	type Consideration = pallet_consortium::ProposalTicket<Runtime>;
}

impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// 64 cities with 4 nodes each, and one spare (the pallet checks `len < max`).
	type MaxWellKnownNodes = ConstU32<257>;
	type MaxPeerIdLength = ConstU32<128>;
	// Reached only by the consortium pallet.
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRoot<AccountId>;
	type SwapOrigin = EnsureRoot<AccountId>;
	type ResetOrigin = EnsureRoot<AccountId>;
	// Its calls are reached only through the consortium pallet, whose weights include them.
	type WeightInfo = ();
}

/// A session lasts 10 blocks (30 s). A change of the city register takes effect at the start
/// of the session after next: within a minute. Sessions cost nothing here (no staking), and a
/// short one keeps validator admission and removal prompt.
pub const SESSION_PERIOD: BlockNumber = 10;

/// Sessions rotate every `SESSION_PERIOD` blocks.
pub type Sessions = pallet_session::PeriodicSessions<ConstU32<SESSION_PERIOD>, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = Consortium;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ConstU128<0>;
}

/// The register of consortium cities.
impl pallet_consortium::Config for Runtime {
	type ConsortiumOrigin = ConsortiumOrigin;
	type Council = Council;
	type RuntimeCall = RuntimeCall;
	type MaxCities = ConstU32<64>;
	type MinValidators = ConstU32<3>;
	type MaxNameLen = ConstU32<64>;
	type MaxPeersPerCity = ConstU32<4>;
	/// 4 open council motions per city: 64 cities fill the council's 256.
	type MaxOpenProposalsPerMember = ConstU32<4>;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

/// The cities of the consortium, as the certificates, tendering and expert-draw pallets ask.
pub struct ConsortiumCities;
impl Contains<pallet_certificates::CityCode> for ConsortiumCities {
	fn contains(city: &pallet_certificates::CityCode) -> bool {
		pallet_consortium::Cities::<Runtime>::contains_key(city)
	}
}

/// The cities' trading-centre accounts. They act for the consortium, so the admission gate lets
/// them transact without a participant certificate; the tendering pallet lets each operate the
/// openings of its own city, and the expert-draw pallet its city's draws.
pub struct TradingCentreAccounts;
impl Contains<AccountId> for TradingCentreAccounts {
	fn contains(who: &AccountId) -> bool {
		pallet_consortium::CityOfTradingCentre::<Runtime>::contains_key(who)
	}
}
/// The accounts that transact without a participant certificate: the trading centres and the
/// expert-pool administrator, both named by the consortium.
pub struct ConsortiumAccounts;
impl Contains<AccountId> for ConsortiumAccounts {
	fn contains(who: &AccountId) -> bool {
		TradingCentreAccounts::contains(who)
			|| pallet_expert_draw::PoolAdministrator::<Runtime>::get().as_ref() == Some(who)
	}
}

impl pallet_tendering::TradingCentres<AccountId> for TradingCentreAccounts {
	fn city_of(who: &AccountId) -> Option<pallet_certificates::CityCode> {
		pallet_consortium::CityOfTradingCentre::<Runtime>::get(who)
	}
}

parameter_types! {
	/// The rate-limit window of the admission gate: 10 blocks (30 s).
	pub const RateLimitWindow: BlockNumber = 10;
	/// Certified participants may send 30 transactions per window.
	pub const MaxTransactionsPerWindow: u32 = 30;
	/// A participant's compute per rate-limit window: a tenth of a block's.
	pub ParticipantWeightPerWindow: Weight = Perbill::from_percent(10) * RuntimeBlockWeights::get().max_block;
	/// Certificate registrations and revocations come before ordinary transactions.
	pub const CertificateUnsignedPriority: u64 = 1 << 20;

	/// The least time (ms) between publishing or amending a tender and its bid deadline. One
	/// minute at genesis, so that local networks and tests run quickly; the consortium sets the
	/// legal minimum (20 days for tenders under the Bidding Law) with a root call to
	/// `system.set_storage` on this parameter's key.
	pub storage MinTenderNotice: u64 = 60_000;
	/// The complaint period (公示) after the winning candidate is published (ms). One minute at
	/// genesis; the consortium sets the legal minimum (3 days) as for `MinTenderNotice`.
	pub storage ComplaintPeriod: u64 = 60_000;
	/// The least time (ms) that must remain before the deadline when the tender documents
	/// change (澄清或者修改: 15 days under the Bidding Law §23). One minute at genesis; the
	/// consortium sets the legal minimum as for `MinTenderNotice`.
	pub storage MinAmendmentNotice: u64 = 60_000;
	/// How long (ms) the tenderer has to answer an objection (异议: 3 days under the Bidding
	/// Law's Implementing Regulations §54). One minute at genesis; the consortium sets the legal
	/// period as for `MinTenderNotice`.
	pub storage ObjectionAnswerPeriod: u64 = 60_000;
	/// How long (ms) an interested party has to complain to the supervisors (投诉: 10 days
	/// under §60) after the objection's answer, or after the award. One minute at genesis.
	pub storage AwardComplaintPeriod: u64 = 60_000;
	/// How long (ms) after the award notice the contract must be signed (30 days under the
	/// Bidding Law §46). Two minutes at genesis.
	pub storage ContractPeriod: u64 = 120_000;
}

/// The urgent calls of the admission gate: a bid commitment or reveal in the last
/// `UrgentWindow` before its tender's deadline or the end of its reveal window. They get the
/// urgent pool priority and a reserve beyond the ordinary per-window limits, so that a flood of
/// other calls cannot crowd them out of the blocks before a deadline.
pub struct UrgentBids;
impl Contains<RuntimeCall> for UrgentBids {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::Tendering(c) if pallet_tendering::Pallet::<Runtime>::is_urgent(c))
	}
}

/// The parties of a tender, for the notary: who may file which documents under it.
pub struct NotaryTenderParties;
impl pallet_notary::TenderParties<AccountId> for NotaryTenderParties {
	fn exists(tender: pallet_notary::TenderId) -> bool {
		pallet_tendering::Tenders::<Runtime>::contains_key(tender)
	}

	fn role_of(
		tender: pallet_notary::TenderId,
		who: &AccountId,
	) -> Option<pallet_notary::PartyRole> {
		use pallet_notary::PartyRole;
		let record = pallet_tendering::Tenders::<Runtime>::get(tender)?;
		if pallet_consortium::CityOfTradingCentre::<Runtime>::get(who).as_ref()
			== Some(&record.city)
		{
			return Some(PartyRole::TradingCentre);
		}
		if *who == record.owner {
			return Some(if record.principal.is_some() {
				PartyRole::Agency
			} else {
				PartyRole::Tenderer
			});
		}
		if record.principal.as_ref() == Some(who) {
			return Some(PartyRole::Principal);
		}
		let seated = pallet_expert_draw::Committees::<Runtime>::get(tender).iter().any(
			|seat| matches!(&seat.state, pallet_expert_draw::SeatState::Seated(a) if a == who),
		);
		seated.then_some(PartyRole::Expert)
	}
}

/// Certificate authorities, participant certificates, credit records, and the admission gate.
impl pallet_certificates::Config for Runtime {
	type ConsortiumOrigin = ConsortiumOrigin;
	type Time = pallet_timestamp::Pallet<Runtime>;
	type Cities = ConsortiumCities;
	type AdmissionExempt = ConsortiumAccounts;
	type MaxNameLen = ConstU32<64>;
	type MaxAuthorityKeys = ConstU32<4>;
	type MaxCreditEntries = ConstU32<32>;
	type RateLimitWindow = RateLimitWindow;
	type MaxTransactionsPerWindow = MaxTransactionsPerWindow;
	type UnsignedPriority = CertificateUnsignedPriority;
	/// One supervisor records at most 4 violations against the same identity per 30 days.
	type MaxViolationsPerSupervisor = ConstU32<4>;
	/// 30 days.
	type ViolationPeriod = ConstU64<2_592_000_000>;
	/// 64 KiB of encoded transactions per account per window: a few hundred bids, far below a
	/// block's 5 MiB.
	type MaxBytesPerWindow = ConstU32<65_536>;
	/// A tenth of a block's compute per account per window (a bid uses a few thousandths of it).
	type MaxWeightPerWindow = ParticipantWeightPerWindow;
	/// Trading centres and the expert-pool administrator: no count limit, 16 times the bytes
	/// (1 MiB) and compute (1.6 blocks) per window — room to close a council motion (whose
	/// weight bound is half a block) or import a roster of experts, not to fill blocks.
	type ExemptMultiple = ConstU32<16>;
	/// 5 urgent bids or reveals per window beyond the ordinary limits.
	type UrgentReserve = ConstU32<5>;
	type PriorityCalls = UrgentBids;
	/// An account may queue transactions up to 8 nonces ahead of its current one.
	type MaxFutureNonces = ConstU32<8>;
	/// Bars recognised from peer provinces' chains apply here too.
	type PeerBars = super::Recognition;
	type PeerCertificates = super::Recognition;
	type WeightInfo = pallet_certificates::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

/// Tenders, sealed bids, opening, award and supervision.
impl pallet_tendering::Config for Runtime {
	type Participants = pallet_certificates::Pallet<Runtime>;
	type TradingCentres = TradingCentreAccounts;
	type Cities = ConsortiumCities;
	type Committee = super::ExpertDraw;
	type Time = pallet_timestamp::Pallet<Runtime>;
	type MaxTitleLen = ConstU32<128>;
	type MaxSpecialities = ConstU32<8>;
	type MaxBidders = ConstU32<64>;
	type MaxAmendments = ConstU32<8>;
	type MaxFlags = ConstU32<32>;
	type MaxSupervisions = ConstU32<32>;
	type MinNotice = MinTenderNotice;
	/// 30 seconds: enough for bidders' clients to reveal on a LAN.
	type MinRevealWindow = ConstU64<30_000>;
	/// 7 days.
	type MaxRevealWindow = ConstU64<{ 7 * 24 * 3_600_000 }>;
	type ComplaintPeriod = ComplaintPeriod;
	type MaxFindings = ConstU32<32>;
	type MinAmendmentNotice = MinAmendmentNotice;
	/// 5 minutes before a deadline, bids and reveals are urgent.
	type UrgentWindow = ConstU64<300_000>;
	/// 16 open tenders per tenderer or agency account.
	type MaxOpenTenders = ConstU32<16>;
	/// Two thirds of the council lift any suspension.
	type CouncilOrigin =
		pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
	/// A committee is the experts of one draw: as many as expert-draw's `MaxPicks`.
	type MaxCommittee = <Runtime as pallet_expert_draw::Config>::MaxPicks;
	/// 招标投标法 §37: five or more.
	type MinCommittee = ConstU32<5>;
	/// No award is finalized over an unanswered objection or an undecided complaint.
	type Challenges = pallet_award::Pallet<Runtime>;
	/// 128 lodged entries per tender: the most bidders twice over, room for decoys that hide
	/// how many bid.
	type MaxLodged = ConstU32<128>;
	/// A lodged bid's seal is the sr25519 VRF of the bidder's account key over the tender.
	type Seals = pallet_tendering::Sr25519Seals;
	type WeightInfo = pallet_tendering::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

/// The award procedure after publication: objections, complaints, notice, contract.
impl pallet_award::Config for Runtime {
	type Participants = pallet_certificates::Pallet<Runtime>;
	type Tenders = pallet_tendering::Pallet<Runtime>;
	type Time = pallet_timestamp::Pallet<Runtime>;
	type AnswerPeriod = ObjectionAnswerPeriod;
	type ComplaintPeriod = AwardComplaintPeriod;
	type ContractPeriod = ContractPeriod;
	/// Three objections and three complaints per party and tender (and evaluation round).
	type MaxObjectionsPerParty = ConstU32<3>;
	type MaxComplaintsPerParty = ConstU32<3>;
	/// What the tendering pallet removes when a tender is voided: its three per-bidder scratch
	/// indexes (reveals of files and fingerprints, the identities' bids).
	/// 3 × tendering's `MaxBidders` (64).
	type MaxTenderCleanup = ConstU32<192>;
	type WeightInfo = pallet_award::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

/// Archive notarization: documents and Merkle batches of documents.
impl pallet_notary::Config for Runtime {
	type Participants = pallet_certificates::Pallet<Runtime>;
	type TradingCentres = TradingCentreAccounts;
	type Time = pallet_timestamp::Pallet<Runtime>;
	type Tenders = NotaryTenderParties;
	/// 100 blocks: 5 minutes.
	type AnchorWindow = ConstU32<100>;
	/// 50 anchors (a batch counts once) per account per 5 minutes.
	type MaxAnchorsPerWindow = ConstU32<50>;
	type MaxBatchSize = ConstU32<4096>;
	type MaxAnchorsPerTender = ConstU32<256>;
	type WeightInfo = pallet_notary::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

impl pallet_expert_draw::CityList for ConsortiumCities {
	fn cities() -> alloc::vec::Vec<pallet_certificates::CityCode> {
		let mut codes: alloc::vec::Vec<_> =
			pallet_consortium::Cities::<Runtime>::iter_keys().collect();
		codes.sort();
		codes
	}
}

parameter_types! {
	/// Blocks before a change to the expert pool (a new entry, a change of availability) takes
	/// effect. 10 blocks (30 s) at genesis, so that local networks and tests run quickly; the
	/// consortium sets one day (`DAYS`, 28,800 blocks) on a production chain with a root call to
	/// `system.set_storage` on this parameter's key, as for `MinTenderNotice`.
	pub storage ExpertPoolChangeDelay: BlockNumber = 10;
	/// Blocks a drawn expert has to take the seat once evaluation has begun before the host may
	/// have the seat filled again. 20 blocks (1 min) at genesis; the consortium sets the local
	/// rule (e.g. 2 hours, `2 * HOURS`) as for `ExpertPoolChangeDelay`.
	pub storage ExpertSeatingWindow: BlockNumber = 20;
}

/// The city whose validator authors the block being built: Aura's slot in the block's
/// pre-runtime digest gives the authority's index, the session's validators (in the same
/// order as Aura's authorities) give the validator account, which is a trading centre, whose
/// city the consortium records.
pub struct BlockAuthorCity;
impl pallet_expert_draw::AnchorAuthorCity for BlockAuthorCity {
	fn author_city() -> Option<pallet_certificates::CityCode> {
		use frame_support::traits::FindAuthor;
		let digest = frame_system::Pallet::<Runtime>::digest();
		let pre_runtime = digest.logs.iter().filter_map(|item| item.as_pre_runtime());
		let author =
			pallet_session::FindAccountFromAuthorIndex::<Runtime, Aura>::find_author(pre_runtime)?;
		pallet_consortium::CityOfTradingCentre::<Runtime>::get(author)
	}
}

/// The random draw of evaluation experts: a pool of up to 20,000 pseudonymous entries;
/// two cities' VRF contributions per draw, each given 10 blocks (30 s) before the next city in
/// the order the anchor block sets is asked too; a tenderer's last 3 draws' experts are avoided
/// in its next; each line's eligible set at least 3 times its count (a common local rule).
impl pallet_expert_draw::Config for Runtime {
	type ConsortiumOrigin = ConsortiumOrigin;
	type Tenders = super::Tendering;
	type Participants = pallet_certificates::Pallet<Runtime>;
	type TradingCentres = TradingCentreAccounts;
	type Cities = ConsortiumCities;
	type MaxCities = <Runtime as pallet_consortium::Config>::MaxCities;
	type MaxPoolSize = ConstU32<20_000>;
	type MaxPicks = ConstU32<25>;
	type MaxSeats = ConstU32<50>;
	/// 招标投标法 §37: five or more, an odd number.
	type MinCommittee = ConstU32<5>;
	type OddCommittee = ConstBool<true>;
	type RequiredContributions = ConstU32<2>;
	type ContributionWindow = ConstU32<10>;
	type RecentDraws = ConstU32<3>;
	type SeatingWindow = ExpertSeatingWindow;
	type PoolChangeDelay = ExpertPoolChangeDelay;
	type MinPoolMultiple = ConstU32<3>;
	/// Two seats of a tender refused for a fault of the pool's upkeep are replaced
	/// automatically; a third raises `PoolIntegrityAlert`.
	type PoolFaultThreshold = ConstU32<2>;
	type AnchorAuthor = BlockAuthorCity;
	type WeightInfo = pallet_expert_draw::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

/// How many finalized headers of a peer each bridge keeps (proofs are checked against a header
/// still kept): a day of the peer's chain at one relayed header a minute, 72 minutes if someone
/// relays every block.
pub const PEER_HEADERS_TO_KEEP: u32 = 1440;

/// The on-chain GRANDPA light client of the peer province in recognition slot 0
/// (pallet-bridge-grandpa): initialised with the peer's header and authority set, and halted or
/// resumed, only by Root — a council motion through `Consortium::enact`; it has no owner key.
/// Anyone certified relays finality proofs; no header is free (the chain has no fees).
impl pallet_bridge_grandpa::Config<pallet_bridge_grandpa::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type BridgedChain = pallet_recognition::chain::PeerTenderchain;
	type MaxFreeHeadersPerBlock = ConstU32<0>;
	type FreeHeadersInterval = ();
	type HeadersToKeep = ConstU32<PEER_HEADERS_TO_KEEP>;
	/// Parity's measured weights of the bridge pallet (not re-measured on this machine).
	type WeightInfo = pallet_bridge_grandpa::weights::BridgeWeight<Runtime>;
}

/// The light client of the peer province in recognition slot 1, as slot 0's.
impl pallet_bridge_grandpa::Config<pallet_bridge_grandpa::Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type BridgedChain = pallet_recognition::chain::PeerTenderchain;
	type MaxFreeHeadersPerBlock = ConstU32<0>;
	type FreeHeadersInterval = ();
	type HeadersToKeep = ConstU32<PEER_HEADERS_TO_KEEP>;
	type WeightInfo = pallet_bridge_grandpa::weights::BridgeWeight<Runtime>;
}

/// The peers' finalized headers, as the two bridges imported them: slot 0 is `PeerBridge0`,
/// slot 1 `PeerBridge1`.
pub struct PeerBridges;
impl pallet_recognition::PeerHeaders for PeerBridges {
	const SLOTS: pallet_recognition::PeerSlot = 2;

	fn finalized(slot: pallet_recognition::PeerSlot, hash: Hash) -> Option<(Hash, u32)> {
		use pallet_bridge_grandpa::{ImportedHeaders, Instance1, Instance2};
		let stored = match slot {
			0 => ImportedHeaders::<Runtime, Instance1>::get(hash),
			1 => ImportedHeaders::<Runtime, Instance2>::get(hash),
			_ => None,
		}?;
		Some((stored.state_root, stored.number))
	}

	fn best(slot: pallet_recognition::PeerSlot) -> Option<u32> {
		use pallet_bridge_grandpa::{BestFinalized, Instance1, Instance2};
		let best = match slot {
			0 => BestFinalized::<Runtime, Instance1>::get(),
			1 => BestFinalized::<Runtime, Instance2>::get(),
			_ => None,
		}?;
		Some(best.0)
	}
}

/// Recognition of the peer provinces' records: peers registered by the consortium (the
/// certificates pallet's `ConsortiumOrigin`), proofs checked against `PeerBridges`.
impl pallet_recognition::Config for Runtime {
	type PeerHeaders = PeerBridges;
	type Clock = pallet_timestamp::Pallet<Runtime>;
	/// Three years (the longest bar from bidding the tendering regulations impose).
	type MaxPeerBarDuration = ConstU64<{ 3 * 365 * 86_400_000 }>;
	/// A week: a relayer proves each peer certificate again within it (it does so after half
	/// of it), and a revocation there that nobody carries ends it here within it.
	type PeerCertificateTtl = ConstU64<{ 7 * 86_400_000 }>;
	/// Ten minutes of the peer's blocks: a relayer proves at the header it just imported; an
	/// older header cannot show a record as it was before it changed there.
	type MaxProofAge = ConstU32<100>;
	type WeightInfo = pallet_recognition::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Helper;
}

/// What the benchmarks of our pallets need from this runtime.
#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers {
	use super::*;
	use pallet_certificates::{CityCode, Role};

	/// Benchmark set-up through the real pallets' storage.
	pub struct Helper;

	fn baiyin() -> CityCode {
		b"BY".to_vec().try_into().expect("short code")
	}

	impl pallet_certificates::BenchmarkHelper for Helper {
		fn known_city() -> CityCode {
			ensure_city();
			baiyin()
		}
	}

	/// Registers Baiyin in the consortium if the benchmark's genesis lacks it.
	fn ensure_city() {
		if !pallet_consortium::Cities::<Runtime>::contains_key(baiyin()) {
			let centre: AccountId = [0xbb; 32].into();
			pallet_consortium::Cities::<Runtime>::insert(
				baiyin(),
				pallet_consortium::City {
					name: b"Baiyin".to_vec().try_into().expect("short"),
					province: b"Gansu".to_vec().try_into().expect("short"),
					trading_centre: centre.clone(),
					session_keys: Default::default(),
					peers: Default::default(),
				},
			);
			pallet_consortium::CityOfTradingCentre::<Runtime>::insert(centre, baiyin());
		}
	}

	impl pallet_consortium::BenchmarkHelper<Runtime> for Helper {
		fn session_keys(owner: &AccountId, seed: u32) -> (SessionKeys, alloc::vec::Vec<u8>) {
			use codec::Encode;
			let seed = alloc::format!("//benchmark-validator-{seed}").into_bytes();
			let generated = SessionKeys::generate(&owner.encode(), Some(seed));
			(generated.keys, generated.proof.encode())
		}
	}

	impl pallet_notary::BenchmarkHelper<AccountId> for Helper {
		fn trading_centre() -> AccountId {
			trading_centre().0
		}

		fn hosted_tender() -> pallet_notary::TenderId {
			publish_tender().map(|(tender, _)| tender).unwrap_or_default()
		}
	}

	/// A tender published in Baiyin by a certified tenderer, open for bids for an hour past the
	/// least notice, and its deadline. Its tenderer is `account("tenderer", 0, 0)`.
	fn publish_tender() -> Result<(pallet_tendering::TenderId, u64), &'static str> {
		use frame_support::traits::Get;
		let owner: AccountId = frame_benchmarking::account("tenderer", 0, 0);
		certify(&owner, Role::Tenderer);
		let (_, city) = trading_centre();
		let deadline = pallet_timestamp::Now::<Runtime>::get()
			.saturating_add(MinTenderNotice::get())
			.saturating_add(3_600_000);
		let tender = pallet_tendering::NextTenderId::<Runtime>::get();
		pallet_tendering::Pallet::<Runtime>::create_tender(
			RuntimeOrigin::signed(owner),
			alloc::vec![b't'; 8].try_into().map_err(|_| "title bound")?,
			city,
			// The specialities the expert-draw benchmarks draw (`bench_lines`).
			alloc::vec![1, 2, 3, 4].try_into().map_err(|_| "specialities bound")?,
			sp_core::H256::repeat_byte(1),
			deadline,
			<Runtime as pallet_tendering::Config>::MinRevealWindow::get(),
			1,
			<Runtime as pallet_tendering::Config>::MaxBidders::get(),
			None,
			None,
		)
		.map_err(|_| "creating the benchmark tender")?;
		Ok((tender, deadline))
	}

	/// Gives `who` a valid certificate with `role`, certified in Baiyin, from the always-valid
	/// test CA. The genesis preset's CA 0 (a development CA, valid over real dates) would not
	/// be valid at the benchmarks' clock, so it gives way to the test CA.
	fn certify(who: &AccountId, role: Role) {
		ensure_city();
		let test_ca = pallet_certificates::testing::TEST_AUTHORITY;
		if pallet_certificates::Authorities::<Runtime>::get(test_ca)
			.is_some_and(|ca| ca.valid_from > 0 || ca.valid_until < u64::MAX)
		{
			pallet_certificates::Authorities::<Runtime>::remove(test_ca);
		}
		use sp_runtime::traits::Hash;
		// Each account its own legal identity: bars and one-bid-per-identity apply to it.
		let identity = sp_runtime::traits::BlakeTwo256::hash_of(who);
		pallet_certificates::testing::certify::<Runtime>(who, &[role], b"BY", identity);
	}

	/// Baiyin's trading centre, and Baiyin.
	fn trading_centre() -> (AccountId, CityCode) {
		ensure_city();
		let centre = pallet_consortium::Cities::<Runtime>::get(baiyin())
			.map(|c| c.trading_centre)
			.unwrap_or_else(|| [0xbb; 32].into());
		(centre, baiyin())
	}

	impl pallet_award::BenchmarkHelper<AccountId> for Helper {
		fn certify(who: &AccountId, role: Role) {
			certify(who, role);
		}

		fn set_time(ms: u64) {
			pallet_timestamp::Now::<Runtime>::put(ms);
		}

		fn city() -> CityCode {
			trading_centre().1
		}

		fn published_tender(
			owner: &AccountId,
			city: CityCode,
			ranking: alloc::vec::Vec<AccountId>,
			terms: pallet_tendering::BidTerms,
			publicity_ends: u64,
			state: pallet_tendering::TenderState,
		) -> pallet_tendering::TenderId {
			pallet_tendering::Pallet::<Runtime>::benchmark_published_tender(
				owner,
				city,
				frame_support::BoundedVec::truncate_from(ranking),
				terms,
				publicity_ends,
				state,
			)
		}
	}

	impl pallet_tendering::BenchmarkHelper<AccountId> for Helper {
		fn certify(who: &AccountId, role: Role) {
			certify(who, role);
		}

		fn trading_centre() -> (AccountId, CityCode) {
			trading_centre()
		}

		fn set_time(ms: u64) {
			pallet_timestamp::Now::<Runtime>::put(ms);
		}

		fn sealed_bidder() -> AccountId {
			AccountId::from(pallet_tendering::bench_seal::PUBLIC)
		}

		fn seat_evaluator(tender: pallet_tendering::TenderId, who: &AccountId) {
			pallet_expert_draw::Committees::<Runtime>::mutate(tender, |seats| {
				let _ = seats.try_push(pallet_expert_draw::Seat {
					entry: 0,
					speciality: 0,
					draw: 0,
					state: pallet_expert_draw::SeatState::Seated(who.clone()),
				});
			});
		}

		fn bar(who: &AccountId, bar: pallet_certificates::Bar) {
			pallet_certificates::testing::bar::<Runtime>(who, bar);
		}

		/// A committee record full (`MaxSeats` seats), its first seat declined: no room for a
		/// replacement.
		fn make_committee_unfillable(tender: pallet_tendering::TenderId) {
			use frame_support::traits::Get;
			use pallet_expert_draw::{Seat, SeatState};
			let max: u32 = <Runtime as pallet_expert_draw::Config>::MaxSeats::get();
			pallet_expert_draw::Committees::<Runtime>::mutate(tender, |seats| {
				let _ = seats.try_push(Seat {
					entry: 0,
					speciality: 0,
					draw: 0,
					state: SeatState::Declined([0xde; 32].into()),
				});
				while (seats.len() as u32) < max {
					let _ = seats.try_push(Seat {
						entry: 0,
						speciality: 0,
						draw: 0,
						state: SeatState::Replaced(pallet_expert_draw::ReplacementReason::Declined),
					});
				}
			});
		}

		/// Seats replaced before, so that with `MaxCommittee` members the record holds
		/// `MaxSeats` seats (what `submit_evaluation` reads at its largest).
		fn pad_committee_record(tender: pallet_tendering::TenderId) {
			use frame_support::traits::Get;
			use pallet_expert_draw::{ReplacementReason, Seat, SeatState};
			let max: u32 = <Runtime as pallet_expert_draw::Config>::MaxSeats::get();
			let members: u32 = <Runtime as pallet_tendering::Config>::MaxCommittee::get();
			pallet_expert_draw::Committees::<Runtime>::mutate(tender, |seats| {
				while (seats.len() as u32) < max.saturating_sub(members) {
					let _ = seats.try_push(Seat {
						entry: 0,
						speciality: 0,
						draw: 0,
						state: SeatState::Replaced(ReplacementReason::Declined),
					});
				}
			});
		}
	}

	impl pallet_recognition::BenchmarkHelper for Helper {
		fn import_finalized(slot: pallet_recognition::PeerSlot, root: Hash, number: u32) -> Hash {
			use pallet_bridge_grandpa::{ImportedHeaders, Instance1, Instance2};
			use sp_runtime::traits::Header as _;
			let header = pallet_recognition::chain::PeerHeader::new(
				number,
				Default::default(),
				root,
				Default::default(),
				Default::default(),
			);
			let hash = header.hash();
			let stored = bp_header_chain::StoredHeaderData { number, state_root: root };
			match slot {
				0 => ImportedHeaders::<Runtime, Instance1>::insert(hash, stored),
				_ => ImportedHeaders::<Runtime, Instance2>::insert(hash, stored),
			}
			hash
		}
	}

	impl pallet_expert_draw::BenchmarkHelper<AccountId> for Helper {
		fn certify(who: &AccountId, role: Role) {
			certify(who, role);
		}

		fn trading_centre() -> (AccountId, CityCode) {
			trading_centre()
		}

		fn ensure_other_cities(host: &CityCode, n: u32) {
			ensure_city();
			let mut index = 0u8;
			while (pallet_consortium::Cities::<Runtime>::iter_keys().filter(|c| c != host).count()
				as u32) < n
			{
				let code: CityCode =
					alloc::vec![b'X', b'0' + index].try_into().expect("short code");
				let centre: AccountId = [0xc0 + index; 32].into();
				index += 1;
				if pallet_consortium::Cities::<Runtime>::contains_key(&code) {
					continue;
				}
				pallet_consortium::Cities::<Runtime>::insert(
					code.clone(),
					pallet_consortium::City {
						name: b"Benchmark city".to_vec().try_into().expect("short"),
						province: b"Gansu".to_vec().try_into().expect("short"),
						trading_centre: centre.clone(),
						session_keys: Default::default(),
						peers: Default::default(),
					},
				);
				pallet_consortium::CityOfTradingCentre::<Runtime>::insert(centre, code);
			}
		}

		fn centre_of(city: &CityCode) -> Option<AccountId> {
			pallet_consortium::Cities::<Runtime>::get(city).map(|c| c.trading_centre)
		}

		fn tender_past_deadline() -> Result<pallet_tendering::TenderId, &'static str> {
			use frame_support::traits::Get;
			let (tender, deadline) = publish_tender()?;
			let max = <Runtime as pallet_tendering::Config>::MaxBidders::get();
			for i in 0..max {
				let bidder: AccountId = frame_benchmarking::account("bidder", i, 0);
				certify(&bidder, Role::Bidder);
				let mut commitment = sp_core::H256::repeat_byte(0xb0);
				commitment.0[..4].copy_from_slice(&i.to_le_bytes());
				pallet_tendering::Pallet::<Runtime>::commit_bid(
					RuntimeOrigin::signed(bidder),
					tender,
					commitment,
				)
				.map_err(|_| "committing a benchmark bid")?;
			}
			pallet_timestamp::Now::<Runtime>::put(deadline);
			Ok(tender)
		}

		fn begin_evaluation(tender: pallet_tendering::TenderId) {
			pallet_tendering::Tenders::<Runtime>::mutate(tender, |t| {
				if let Some(t) = t {
					t.state = pallet_tendering::TenderState::Evaluating;
				}
			});
		}
	}
}

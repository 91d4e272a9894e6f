//! # Recognition of another province's records (跨省互认)
//!
//! A province's tenderchain recognises records of a peer province's tenderchain — its credit
//! bars (一处失信、处处受限) and its notarized documents — on the strength of proofs alone,
//! trusting no relayer and no node:
//!
//! - the peer's finalized headers are imported by an on-chain GRANDPA light client of the
//!   peer, one `pallet-bridge-grandpa` instance per peer ([`chain::PeerTenderchain`] describes
//!   the peer chain to it), which checks every justification against the peer's authority set
//!   and follows the set's changes. The runtime tells this pallet, through [`PeerHeaders`],
//!   which headers of which peer were imported, and their state roots;
//! - anyone submits a storage proof of a peer record against such a header; this pallet
//!   checks it with the bridges' storage-proof checker (`bp_runtime::StorageProofChecker`:
//!   duplicate nodes and nodes the proof did not need are refused, like a tampered node) and
//!   records the record as *recognised*, with the peer, the header and its block.
//!
//! A relayer can delay a record, never forge one: a wrong proof is refused with a named error
//! and changes nothing.
//!
//! ## What each party can and cannot do
//!
//! - **The consortium** (`ConsortiumOrigin`: a two-thirds council motion) registers a peer in
//!   one of the runtime's bridge slots, with its name and genesis hash, and removes it; it
//!   initialises, halts and resumes the slot's bridge (its calls are the bridge pallet's, as
//!   Root). Once removed, a peer's recognised records no longer apply.
//! - **Anyone certified** (a relayer) submits proofs: [`Pallet::recognise_bar`] (a peer's bar
//!   of a legal identity, or its lifting) and [`Pallet::recognise_anchor`] (a peer's
//!   notarized document). A proof against a header the bridge has not imported as finalized,
//!   or for another record than the one named, is refused. A proof from an older block than
//!   the state recognised already is refused ([`Error::ProofNotNewer`]): an old proof of a bar
//!   cannot undo a lift proven since, nor an old lift a newer bar.
//! - **Enforcement**: a recognised peer bar in force bars the same legal identity (the
//!   certificate's identity hash, the same for a company in every province: the hash of its
//!   unified social credit code) here too, through `pallet_certificates::PeerBarred`: bidding
//!   and evaluation are refused with `Certificates::BarredInPeerProvince`.
//!
//! ## Peer certificates (一地注册、全网通用)
//!
//! A bidder certified in a peer province bids here without registering again:
//!
//! - the consortium recognises a peer CA ([`Pallet::recognise_authority`], a council motion:
//!   the trust in another province's CA is the consortium's decision, never a relayer's) and
//!   withdraws that recognition ([`Pallet::disregard_authority`]: every certificate of the CA
//!   stops applying at once);
//! - anyone certified proves the peer's certificate record of an account
//!   ([`Pallet::recognise_certificate`]); a later proof replaces it, so a revocation there
//!   stops the account here once a proof of it is relayed (an older proof cannot bring the
//!   certificate back: [`Error::ProofNotNewer`]);
//! - a recognised peer certificate grants **only the bidder role** here, whatever roles the
//!   peer gave: a peer CA cannot make tenderers, experts, supervisors or trading centres of
//!   this province. A certificate registered here takes precedence; this chain's own bars,
//!   revoked identities and the peers' recognised bars apply to the peer certificate's legal
//!   identity like to any other.
//!
//! Peer opening records and awards are recognised as the peer's notarized documents (the
//! opening record and the award's evaluation report are anchored there by the trading
//! centre): [`Pallet::recognise_anchor`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod chain;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;

use codec::{Decode, DecodeAll, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use pallet_certificates::Bar;
use scale_info::TypeInfo;
use sp_core::H256;

/// Which of the runtime's bridge instances follows a peer's chain.
pub type PeerSlot = u8;

/// The most bytes of one trie node in a proof argument.
pub const MAX_NODE_SIZE: u32 = 4096;

/// The most trie nodes in a proof argument (a proof of one value in a state of millions of
/// entries needs a few dozen).
pub const MAX_PROOF_NODES: u32 = 64;

/// One trie node of a storage proof.
pub type ProofNode = BoundedVec<u8, ConstU32<MAX_NODE_SIZE>>;

/// A storage proof, as a call argument: the trie nodes from the state root to the value.
pub type StorageProof = BoundedVec<ProofNode, ConstU32<MAX_PROOF_NODES>>;

/// The finalized headers of the peers' chains, as the runtime's bridge instances imported them.
pub trait PeerHeaders {
	/// How many bridge instances the runtime has: the slots are `0..SLOTS`.
	const SLOTS: PeerSlot;

	/// The state root and block number of header `hash` of the chain that the bridge in `slot`
	/// follows, if that bridge imported it as finalized.
	fn finalized(slot: PeerSlot, hash: H256) -> Option<(H256, u32)>;

	/// The block number of the best header the bridge in `slot` imported, if it was
	/// initialised.
	fn best(slot: PeerSlot) -> Option<u32>;
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Records a finalized header of the peer in `slot`, block `number` with state root
	/// `root`, as its bridge would have imported it; returns the header's hash.
	fn import_finalized(slot: PeerSlot, root: H256, number: u32) -> H256;
}

/// A registered peer province.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Peer {
	/// Its name, UTF-8 (e.g. "Shaanxi").
	pub name: BoundedVec<u8, ConstU32<64>>,
	/// The genesis hash of its chain: which network it is.
	pub genesis: H256,
	/// How many times a peer was registered in this slot, this one included: records proven
	/// under an earlier registration (another chain, or a bridge reset since) never apply.
	pub generation: u32,
	/// The bridge's best block at the registration: proofs against older headers (which the
	/// bridge may still keep from an earlier registration) are refused, so that a proof from
	/// before a revocation cannot come back through a new registration.
	pub since: u32,
}

/// A peer CA the consortium recognises.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PeerAuthority {
	/// The slot's registration it was recognised under ([`Peer::generation`]).
	pub generation: u32,
	/// How many of its certificates may be recognised here at most: a peer CA cannot mint
	/// accounts here without bound.
	pub quota: u32,
	/// How many of them are in force here (a revocation or withdrawal gives one back).
	pub used: u32,
	/// Whether the consortium recognises it now: a disregarded CA keeps its count, so that
	/// recognising it again does not grant a fresh quota on top of its certificates.
	pub recognised: bool,
}

/// Where a recognised record was proven: the peer's finalized header, and its block number.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Evidence {
	/// The header's hash.
	pub header: H256,
	/// The header's block number.
	pub block: u32,
}

/// The recognised state of a peer's bar of a legal identity.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PeerBar {
	/// Until when (Unix ms, exclusive) the peer bars the identity; `None` once a proof showed
	/// the bar gone there (lifted, or expired and removed).
	pub until: Option<u64>,
	/// The violation's number in the identity's credit record on the peer's chain (what
	/// `tender credit show` there names); 0 once lifted.
	pub record: u32,
	/// Where this state was proven.
	pub evidence: Evidence,
	/// The slot's registration it was proven under ([`Peer::generation`]).
	pub generation: u32,
	/// The consortium disregards this violation of the peer ([`Pallet::disregard_bar`]): it
	/// does not apply here until the peer records another.
	pub disregarded: bool,
}

/// A peer's certificate of an account, as last proven here.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct PeerCertificate<Cert> {
	/// The peer's bridge slot.
	pub slot: PeerSlot,
	/// The certificate record on the peer's chain (its `authority` is the peer's CA id).
	pub certificate: Cert,
	/// Where it was proven.
	pub evidence: Evidence,
	/// The slot's registration it was proven under ([`Peer::generation`]).
	pub generation: u32,
	/// When (Unix ms, here) it was last proven: it applies until `recognised_at` plus
	/// `PeerCertificateTtl`, so that a revocation there that nobody relays still ends it here.
	pub recognised_at: u64,
	/// The consortium withdrew this account's recognition ([`Pallet::withdraw_certificate`]):
	/// no peer certificate of the account applies here again.
	pub withdrawn: bool,
}

/// A recognised notarized document of a peer.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PeerAnchor<AccountId> {
	/// The document's type there.
	pub document_type: pallet_notary::DocumentType,
	/// The peer's tender it was filed under, if any.
	pub tender: Option<u64>,
	/// Who anchored it there.
	pub issuer: AccountId,
	/// The peer block it was anchored in.
	pub anchored_in: u32,
	/// When it was anchored (Unix ms).
	pub time: u64,
	/// Where the anchor was proven.
	pub evidence: Evidence,
	/// The slot's registration it was proven under ([`Peer::generation`]).
	pub generation: u32,
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use bp_runtime::{StorageProofChecker, StorageProofError};
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, Time},
	};
	use frame_system::pallet_prelude::*;
	use pallet_certificates::{AuthorityId, CertificateOf, Role, Roles};
	use sp_runtime::traits::BlakeTwo256;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The configuration of the recognition pallet.
	#[pallet::config]
	pub trait Config:
		frame_system::Config + pallet_certificates::Config + pallet_notary::Config
	{
		/// The peers' finalized headers (the runtime's bridge instances).
		type PeerHeaders: PeerHeaders;
		/// The clock (Unix ms): whether a recognised bar is still in force.
		type Clock: Time<Moment = u64>;
		/// The longest a peer's bar applies here from its recognition (ms), whatever the peer
		/// recorded: a peer's supervisor cannot bar a company here for ever.
		#[pallet::constant]
		type MaxPeerBarDuration: Get<u64>;
		/// How long (ms) a recognised peer certificate applies after its latest proof; a
		/// relayer proves it again within this time. A revocation there that no relayer
		/// carries still ends it here after this long.
		#[pallet::constant]
		type PeerCertificateTtl: Get<u64>;
		/// How many peer blocks behind the bridge's best imported header a proof's header may
		/// be: a relayer proves a record at a recent header, never at one from before the
		/// record changed there (a certificate revoked, a bar lifted) while the bridge still
		/// keeps it.
		#[pallet::constant]
		type MaxProofAge: Get<u32>;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// The registered peers, by bridge slot.
	#[pallet::storage]
	pub type Peers<T: Config> = StorageMap<_, Twox64Concat, PeerSlot, Peer>;

	/// How many times a peer was registered in each slot ([`Peer::generation`]).
	#[pallet::storage]
	pub type Generations<T: Config> = StorageMap<_, Twox64Concat, PeerSlot, u32, ValueQuery>;

	/// The recognised bars, by (legal identity, bar) and then peer. An entry exists only for a
	/// bar once proven in force on the peer; a later proof of its absence there records the
	/// lift (`until: None`), so that an older proof of the bar cannot come back.
	///
	/// Blake2_128Concat: identity hashes are put in certificates by CAs.
	#[pallet::storage]
	pub type PeerBars<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, (H256, Bar), Twox64Concat, PeerSlot, PeerBar>;

	/// The recognised notarized documents, by peer and document hash (or batch root).
	///
	/// Identity: document hashes are SHA-256, which nobody can choose to collide.
	#[pallet::storage]
	pub type PeerAnchors<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PeerSlot,
		Identity,
		H256,
		PeerAnchor<<T as frame_system::Config>::AccountId>,
	>;

	/// The peer CAs the consortium recognises, by slot and the peer's CA id: the slot's
	/// registration ([`Peer::generation`]) they were recognised under, and their quota.
	#[pallet::storage]
	pub type PeerAuthorities<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PeerSlot, Twox64Concat, AuthorityId, PeerAuthority>;

	/// The recognised peer certificates, by account: the peer's certificate record of the
	/// account as last proven. At most one peer's certificate applies to an account.
	///
	/// Blake2_128Concat: account ids are chosen by their holders.
	#[pallet::storage]
	pub type PeerCertificates<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		PeerCertificate<CertificateOf<T>>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The consortium registered a peer province in a bridge slot.
		PeerRegistered { slot: PeerSlot, name: Vec<u8>, genesis: H256 },
		/// The consortium removed a peer: its recognised records no longer apply.
		PeerRemoved { slot: PeerSlot },
		/// A peer's bar of a legal identity is recognised here.
		BarRecognised { slot: PeerSlot, identity: H256, bar: Bar, until: u64, evidence: Evidence },
		/// A peer's bar is gone there (lifted or expired): recognised here.
		BarLiftRecognised { slot: PeerSlot, identity: H256, bar: Bar, evidence: Evidence },
		/// A peer's notarized document is recognised here.
		AnchorRecognised { slot: PeerSlot, document: H256, evidence: Evidence },
		/// The consortium disregards a peer's violation here: its bar no longer applies.
		BarDisregarded { slot: PeerSlot, identity: H256, bar: Bar, record: u32 },
		/// The consortium recognises a peer's CA (or sets its quota): up to `quota` of its
		/// certificates can be recognised here.
		AuthorityRecognised { slot: PeerSlot, authority: AuthorityId, quota: u32 },
		/// The consortium no longer recognises a peer's CA: its certificates stop applying.
		AuthorityDisregarded { slot: PeerSlot, authority: AuthorityId },
		/// A peer's certificate of `account` is recognised here: the account may bid.
		CertificateRecognised {
			slot: PeerSlot,
			account: <T as frame_system::Config>::AccountId,
			identity: H256,
			authority: AuthorityId,
			serial: u64,
			evidence: Evidence,
		},
		/// A peer's revocation of the certificate of `account` is recognised here: it no longer
		/// applies.
		CertificateRevocationRecognised {
			slot: PeerSlot,
			account: <T as frame_system::Config>::AccountId,
			evidence: Evidence,
		},
		/// The consortium withdrew the recognition of the account's peer certificates.
		CertificateWithdrawn { account: <T as frame_system::Config>::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The runtime has no bridge in this slot.
		SlotOutOfRange,
		/// A peer is registered in this slot already: remove it first.
		PeerSlotTaken,
		/// No peer is registered in this slot.
		UnknownPeer,
		/// The peer's bridge has not imported this header as finalized (unknown to it, not yet
		/// relayed, or pruned): relay the peer's finality first, or prove against a newer
		/// header.
		UnknownHeader,
		/// The proof contains the same trie node twice.
		ProofDuplicateNodes,
		/// The proof does not lead from the header's state root to the record: a node was
		/// tampered with, or the proof is of another state.
		ProofRootMismatch,
		/// The proof lacks a node on the path to the record (a proof for another storage key).
		ProofIncomplete,
		/// The proof contains nodes that proving the record does not need.
		ProofUnusedNodes,
		/// The record in the proof does not decode as the record asked for.
		RecordUndecodable,
		/// A state of this record from the same block or a later one is recognised already: an
		/// older proof cannot replace it.
		ProofNotNewer,
		/// The peer holds no such bar, and none is recognised here to lift.
		NothingToRecognise,
		/// The document is not anchored on the peer's chain at that header.
		DocumentNotAnchored,
		/// No bar of the peer is in force here for this identity.
		NoPeerBar,
		/// The consortium does not recognise this CA of the peer: a council motion
		/// (`recognise_authority`) must first.
		AuthorityNotRecognised,
		/// The account holds a recognised certificate of another peer province: one peer's
		/// certificate applies to an account at a time.
		CertifiedByAnotherPeer,
		/// The peer's certificate is revoked or expired there, and none is recognised here to
		/// withdraw: nothing to recognise.
		CertificateNotInForce,
		/// The peer's chain holds no certificate of the account.
		NoPeerCertificate,
		/// The peer's certificate does not hold the bidder role: a peer certificate lets its
		/// holder bid here, and nothing else.
		NotABidder,
		/// The consortium's quota of certificates of this peer CA is used up.
		AuthorityQuotaExhausted,
		/// The account holds a certificate here, or is a trading centre or another account
		/// exempt from certificates here: a peer's certificate is not recognised for it.
		AccountKnownHere,
		/// The consortium withdrew the recognition of this account's peer certificates.
		CertificateWithdrawn,
		/// No peer certificate of this account is recognised here.
		NoRecognisedCertificate,
		/// The header is older than the peer's registration in this slot: prove against a
		/// header the bridge imported since.
		HeaderBeforeRegistration,
		/// The proof's header is more than `MaxProofAge` blocks behind the bridge's best
		/// imported header: prove the record at a recent one.
		HeaderTooOld,
	}

	impl<T> From<StorageProofError> for Error<T> {
		fn from(e: StorageProofError) -> Self {
			match e {
				StorageProofError::DuplicateNodes => Error::<T>::ProofDuplicateNodes,
				StorageProofError::UnusedKey => Error::<T>::ProofUnusedNodes,
				StorageProofError::DecodeError => Error::<T>::RecordUndecodable,
				StorageProofError::StorageValueUnavailable => Error::<T>::ProofIncomplete,
				_ => Error::<T>::ProofRootMismatch,
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a peer province in bridge slot `slot`: its name and its chain's genesis
		/// hash. The slot's bridge is initialised separately (`PeerBridge<slot>::initialize`,
		/// by the same kind of motion) with the peer's header and GRANDPA authority set. Each
		/// registration is a new generation of the slot: records proven under an earlier one
		/// (another peer, or the same peer before its bridge was reset) never apply again.
		///
		/// The dispatch origin must be the consortium (the certificates pallet's
		/// `ConsortiumOrigin`: a two-thirds council motion).
		///
		/// Emits `PeerRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_peer())]
		pub fn register_peer(
			origin: OriginFor<T>,
			slot: PeerSlot,
			name: BoundedVec<u8, ConstU32<64>>,
			genesis: H256,
		) -> DispatchResult {
			<T as pallet_certificates::Config>::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(slot < T::PeerHeaders::SLOTS, Error::<T>::SlotOutOfRange);
			ensure!(!Peers::<T>::contains_key(slot), Error::<T>::PeerSlotTaken);
			let generation = Generations::<T>::mutate(slot, |g| {
				*g = g.saturating_add(1);
				*g
			});
			let since = T::PeerHeaders::best(slot).unwrap_or(0);
			Peers::<T>::insert(slot, Peer { name: name.clone(), genesis, generation, since });
			Self::deposit_event(Event::PeerRegistered { slot, name: name.into_inner(), genesis });
			Ok(())
		}

		/// Remove the peer in `slot`: its recognised records no longer apply (they stay in
		/// storage as evidence, and apply again only if the same slot is registered again).
		///
		/// The dispatch origin must be the consortium (the certificates pallet's
		/// `ConsortiumOrigin`: a two-thirds council motion).
		///
		/// Emits `PeerRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_peer())]
		pub fn remove_peer(origin: OriginFor<T>, slot: PeerSlot) -> DispatchResult {
			<T as pallet_certificates::Config>::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(Peers::<T>::contains_key(slot), Error::<T>::UnknownPeer);
			Peers::<T>::remove(slot);
			Self::deposit_event(Event::PeerRemoved { slot });
			Ok(())
		}

		/// Recognise the state of the peer's bar `bar` of legal identity `identity` at the
		/// peer's finalized header `header`: in force there (recorded, and enforced here until
		/// it expires), or gone there (a bar recognised before is lifted here).
		///
		/// The dispatch origin must be signed (any certified account: a relayer).
		///
		/// Emits `BarRecognised` or `BarLiftRecognised`.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::recognise_bar(proof.len() as u32))]
		pub fn recognise_bar(
			origin: OriginFor<T>,
			slot: PeerSlot,
			header: H256,
			identity: H256,
			bar: Bar,
			proof: StorageProof,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let key = pallet_certificates::Bars::<T>::hashed_key_for(identity, bar);
			let (entry, evidence, generation) =
				Self::read_proven::<pallet_certificates::BarEntry>(slot, header, &key, proof)?;
			// What is known under this registration of the slot (older ones never apply).
			let known =
				PeerBars::<T>::get((identity, bar), slot).filter(|k| k.generation == generation);
			if let Some(known) = &known {
				ensure!(evidence.block > known.evidence.block, Error::<T>::ProofNotNewer);
			}
			let now = T::Clock::now();
			match entry {
				Some(entry) => {
					// A bar already over there is nothing to recognise (unless it replaces a
					// state known here).
					ensure!(known.is_some() || entry.until > now, Error::<T>::NothingToRecognise);
					// The same violation keeps its first cap and the consortium's decision.
					let same = known.as_ref().filter(|k| k.record == entry.record);
					let cap = same
						.and_then(|k| k.until)
						.unwrap_or_else(|| now.saturating_add(T::MaxPeerBarDuration::get()));
					let until = entry.until.min(cap);
					let disregarded = same.is_some_and(|k| k.disregarded);
					PeerBars::<T>::insert(
						(identity, bar),
						slot,
						PeerBar {
							until: Some(until),
							record: entry.record,
							evidence,
							generation,
							disregarded,
						},
					);
					Self::deposit_event(Event::BarRecognised {
						slot,
						identity,
						bar,
						until,
						evidence,
					});
				},
				None => {
					// Only a bar recognised before can be lifted: a proof that someone is not
					// barred records nothing.
					ensure!(known.is_some(), Error::<T>::NothingToRecognise);
					PeerBars::<T>::insert(
						(identity, bar),
						slot,
						PeerBar {
							until: None,
							record: 0,
							evidence,
							generation,
							disregarded: false,
						},
					);
					Self::deposit_event(Event::BarLiftRecognised { slot, identity, bar, evidence });
				},
			}
			Ok(())
		}

		/// Recognise the peer's notarized document (or batch root) `document`, anchored there
		/// by the peer's finalized header `header`.
		///
		/// The dispatch origin must be signed (any certified account: a relayer).
		///
		/// Emits `AnchorRecognised`.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::recognise_anchor(proof.len() as u32))]
		pub fn recognise_anchor(
			origin: OriginFor<T>,
			slot: PeerSlot,
			header: H256,
			document: H256,
			proof: StorageProof,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let key = pallet_notary::Anchors::<T>::hashed_key_for(document);
			let (anchor, evidence, generation) =
				Self::read_proven::<pallet_notary::AnchorOf<T>>(slot, header, &key, proof)?;
			let anchor = anchor.ok_or(Error::<T>::DocumentNotAnchored)?;
			if let Some(known) =
				PeerAnchors::<T>::get(slot, document).filter(|k| k.generation == generation)
			{
				ensure!(evidence.block > known.evidence.block, Error::<T>::ProofNotNewer);
			}
			let anchored_in: u32 = sp_runtime::SaturatedConversion::saturated_into(anchor.block);
			PeerAnchors::<T>::insert(
				slot,
				document,
				PeerAnchor {
					document_type: anchor.document_type,
					tender: anchor.tender,
					issuer: anchor.issuer,
					anchored_in,
					time: anchor.time,
					evidence,
					generation,
				},
			);
			Self::deposit_event(Event::AnchorRecognised { slot, document, evidence });
			Ok(())
		}

		/// Disregard the peer's violation behind its bar of `identity` from `bar`: the bar no
		/// longer applies here (a company wrongly barred there — e.g. under an identity hash a
		/// peer CA gave to someone else — is not barred here while the provinces sort it out).
		/// A new violation recorded there applies again.
		///
		/// The dispatch origin must be the consortium.
		///
		/// Emits `BarDisregarded`.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::disregard_bar())]
		pub fn disregard_bar(
			origin: OriginFor<T>,
			slot: PeerSlot,
			identity: H256,
			bar: Bar,
		) -> DispatchResult {
			<T as pallet_certificates::Config>::ConsortiumOrigin::ensure_origin(origin)?;
			let generation = Peers::<T>::get(slot).ok_or(Error::<T>::UnknownPeer)?.generation;
			let record = PeerBars::<T>::try_mutate((identity, bar), slot, |entry| {
				let entry = entry
					.as_mut()
					.filter(|e| e.generation == generation && e.until.is_some())
					.ok_or(Error::<T>::NoPeerBar)?;
				entry.disregarded = true;
				Ok::<_, Error<T>>(entry.record)
			})?;
			Self::deposit_event(Event::BarDisregarded { slot, identity, bar, record });
			Ok(())
		}

		/// Recognise the peer's certificate authority `authority` (its CA id on the peer's
		/// chain), for at most `quota` certificates: certificates it issued there can be
		/// recognised here ([`Pallet::recognise_certificate`]), for bidding only. Called again,
		/// it sets the quota (the count used so far stays).
		///
		/// The dispatch origin must be the consortium.
		///
		/// Emits `AuthorityRecognised`.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::recognise_authority())]
		pub fn recognise_authority(
			origin: OriginFor<T>,
			slot: PeerSlot,
			authority: AuthorityId,
			quota: u32,
		) -> DispatchResult {
			<T as pallet_certificates::Config>::ConsortiumOrigin::ensure_origin(origin)?;
			let generation = Peers::<T>::get(slot).ok_or(Error::<T>::UnknownPeer)?.generation;
			let used = PeerAuthorities::<T>::get(slot, authority)
				.filter(|a| a.generation == generation)
				.map_or(0, |a| a.used);
			PeerAuthorities::<T>::insert(
				slot,
				authority,
				PeerAuthority { generation, quota, used, recognised: true },
			);
			Self::deposit_event(Event::AuthorityRecognised { slot, authority, quota });
			Ok(())
		}

		/// Stop recognising the peer's certificate authority `authority`: every certificate of
		/// it recognised here stops applying at once (and applies again only if the CA is
		/// recognised again, in the state last proven).
		///
		/// The dispatch origin must be the consortium.
		///
		/// Emits `AuthorityDisregarded`.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::disregard_authority())]
		pub fn disregard_authority(
			origin: OriginFor<T>,
			slot: PeerSlot,
			authority: AuthorityId,
		) -> DispatchResult {
			<T as pallet_certificates::Config>::ConsortiumOrigin::ensure_origin(origin)?;
			PeerAuthorities::<T>::try_mutate(slot, authority, |ca| {
				let ca = ca.as_mut().filter(|ca| ca.recognised);
				let ca = ca.ok_or(Error::<T>::AuthorityNotRecognised)?;
				ca.recognised = false;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::AuthorityDisregarded { slot, authority });
			Ok(())
		}

		/// Recognise the peer's certificate record of `account` at the peer's finalized header
		/// `header`. A certificate in force there, holding the bidder role, from a CA the
		/// consortium recognises (within its quota), lets the account bid here without
		/// registering, for `PeerCertificateTtl` from this proof. A later proof that shows the
		/// record otherwise there — revoked, expired, replaced by another CA's, gone, or in a
		/// form this runtime does not read — withdraws it here.
		///
		/// Not for an account certified here or exempt from certificates here (a trading
		/// centre): a peer CA cannot make such an account a bidder.
		///
		/// The dispatch origin must be signed (any certified account: a relayer, the bidder's
		/// trading centre).
		///
		/// Emits `CertificateRecognised` or `CertificateRevocationRecognised`.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::recognise_certificate(proof.len() as u32))]
		pub fn recognise_certificate(
			origin: OriginFor<T>,
			slot: PeerSlot,
			header: H256,
			account: <T as frame_system::Config>::AccountId,
			proof: StorageProof,
		) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(
				!pallet_certificates::Certificates::<T>::contains_key(&account)
					&& !<T as pallet_certificates::Config>::AdmissionExempt::contains(&account),
				Error::<T>::AccountKnownHere
			);
			let stored = PeerCertificates::<T>::get(&account);
			ensure!(
				!stored.as_ref().is_some_and(|s| s.withdrawn),
				Error::<T>::CertificateWithdrawn
			);
			let key = pallet_certificates::Certificates::<T>::hashed_key_for(&account);
			let (raw, evidence, generation) = Self::read_proven_raw(slot, header, &key, proof)?;
			let now = T::Clock::now();
			// What is recognised under the current registration of its slot.
			let known = stored
				.filter(|k| Peers::<T>::get(k.slot).is_some_and(|p| p.generation == k.generation));
			let known = match known {
				Some(k) if k.slot == slot => {
					ensure!(evidence.block > k.evidence.block, Error::<T>::ProofNotNewer);
					Some(k)
				},
				// Another peer's certificate still in force excludes this one; one no longer
				// in force there may be replaced.
				Some(_) => {
					let in_force =
						<Self as pallet_certificates::PeerCertified<_, _>>::certificate(&account)
							.is_some_and(|c| c.revoked_at.is_none() && now < c.valid_until);
					ensure!(!in_force, Error::<T>::CertifiedByAnotherPeer);
					None
				},
				None => None,
			};
			let record = raw.map(|raw| CertificateOf::<T>::decode_all(&mut &raw[..]));
			let granted = match record {
				Some(Ok(cert)) => match Self::grantable(slot, generation, &cert, now) {
					Ok(()) => Some(cert),
					// A known certificate shown otherwise there is withdrawn here.
					Err(_) if known.is_some() => None,
					Err(e) => return Err(e.into()),
				},
				Some(Err(_)) if known.is_none() => return Err(Error::<T>::RecordUndecodable.into()),
				None if known.is_none() => return Err(Error::<T>::NoPeerCertificate.into()),
				_ => None,
			};
			let Some(certificate) = granted else {
				let Some(mut known) = known else {
					return Err(Error::<T>::NoPeerCertificate.into());
				};
				if known.certificate.revoked_at.is_none() {
					// Its CA's quota counts the certificates in force here.
					PeerAuthorities::<T>::mutate(slot, known.certificate.authority, |ca| {
						if let Some(ca) = ca {
							ca.used = ca.used.saturating_sub(1);
						}
					});
				}
				known.certificate.revoked_at.get_or_insert(now);
				known.evidence = evidence;
				PeerCertificates::<T>::insert(&account, known);
				Self::deposit_event(Event::CertificateRevocationRecognised {
					slot,
					account,
					evidence,
				});
				return Ok(());
			};
			// An account newly in force here counts against its CA's quota (a renewal by the
			// same CA does not).
			let (identity, authority, serial) =
				(certificate.identity_hash, certificate.authority, certificate.serial);
			let counted = known.as_ref().is_some_and(|k| {
				k.certificate.revoked_at.is_none() && k.certificate.authority == authority
			});
			if let Some(k) =
				known.as_ref().filter(|k| k.certificate.revoked_at.is_none() && !counted)
			{
				// Replaced by another CA's certificate: the first CA's count goes down.
				PeerAuthorities::<T>::mutate(slot, k.certificate.authority, |ca| {
					if let Some(ca) = ca {
						ca.used = ca.used.saturating_sub(1);
					}
				});
			}
			if !counted {
				PeerAuthorities::<T>::try_mutate(slot, authority, |ca| {
					let ca = ca.as_mut().ok_or(Error::<T>::AuthorityNotRecognised)?;
					ensure!(ca.used < ca.quota, Error::<T>::AuthorityQuotaExhausted);
					ca.used = ca.used.saturating_add(1);
					Ok::<_, Error<T>>(())
				})?;
			}
			if !PeerCertificates::<T>::contains_key(&account) {
				// The account now exists here, so it can sign (the nonce check needs a
				// provider), as a certificate registered here makes it exist.
				frame_system::Pallet::<T>::inc_providers(&account);
			}
			PeerCertificates::<T>::insert(
				&account,
				PeerCertificate {
					slot,
					certificate,
					evidence,
					generation,
					recognised_at: now,
					withdrawn: false,
				},
			);
			Self::deposit_event(Event::CertificateRecognised {
				slot,
				account,
				identity,
				authority,
				serial,
				evidence,
			});
			Ok(())
		}

		/// Withdraw the recognition of `account`'s peer certificate: no peer's certificate of
		/// the account applies here again (the consortium's sanction of one account, where a
		/// revocation is for the peer's CA).
		///
		/// The dispatch origin must be the consortium.
		///
		/// Emits `CertificateWithdrawn`.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::withdraw_certificate())]
		pub fn withdraw_certificate(
			origin: OriginFor<T>,
			account: <T as frame_system::Config>::AccountId,
		) -> DispatchResult {
			<T as pallet_certificates::Config>::ConsortiumOrigin::ensure_origin(origin)?;
			PeerCertificates::<T>::try_mutate(&account, |held| {
				let held = held.as_mut().ok_or(Error::<T>::NoRecognisedCertificate)?;
				if !held.withdrawn && held.certificate.revoked_at.is_none() {
					// Its CA's quota counts the certificates in force here.
					PeerAuthorities::<T>::mutate(held.slot, held.certificate.authority, |ca| {
						if let Some(ca) = ca.as_mut().filter(|ca| ca.generation == held.generation)
						{
							ca.used = ca.used.saturating_sub(1);
						}
					});
				}
				held.withdrawn = true;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::CertificateWithdrawn { account });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks `proof` against the state root of the registered peer's finalized header
		/// `header`, and reads the value at `key` from it: `None` if the proof shows the key
		/// absent. Every node of the proof must have been needed; the whole value must decode.
		fn read_proven<V: Decode>(
			slot: PeerSlot,
			header: H256,
			key: &[u8],
			proof: StorageProof,
		) -> Result<(Option<V>, Evidence, u32), Error<T>> {
			let (raw, evidence, generation) = Self::read_proven_raw(slot, header, key, proof)?;
			let value = raw
				.map(|raw| V::decode_all(&mut &raw[..]))
				.transpose()
				.map_err(|_| Error::<T>::RecordUndecodable)?;
			Ok((value, evidence, generation))
		}

		/// [`Self::read_proven`], the value undecoded.
		fn read_proven_raw(
			slot: PeerSlot,
			header: H256,
			key: &[u8],
			proof: StorageProof,
		) -> Result<(Option<Vec<u8>>, Evidence, u32), Error<T>> {
			let peer = Peers::<T>::get(slot).ok_or(Error::<T>::UnknownPeer)?;
			let (root, block) =
				T::PeerHeaders::finalized(slot, header).ok_or(Error::<T>::UnknownHeader)?;
			ensure!(block >= peer.since, Error::<T>::HeaderBeforeRegistration);
			let best = T::PeerHeaders::best(slot).unwrap_or(block);
			ensure!(block.saturating_add(T::MaxProofAge::get()) >= best, Error::<T>::HeaderTooOld);
			let nodes: Vec<Vec<u8>> = proof.into_iter().map(|n| n.into_inner()).collect();
			let mut checker = StorageProofChecker::<BlakeTwo256>::new(root, nodes)?;
			// `read_value`, not `…_opt_value`: a proof that cannot reach the key is refused,
			// never taken as proof that the record is absent.
			let value = checker.read_value(key)?;
			checker.ensure_no_unused_nodes()?;
			Ok((value, Evidence { header, block }, peer.generation))
		}

		/// Whether the peer's certificate `cert` lets its holder bid here now: in force there,
		/// holding the bidder role, from a CA recognised under `generation`.
		fn grantable(
			slot: PeerSlot,
			generation: u32,
			cert: &CertificateOf<T>,
			now: u64,
		) -> Result<(), Error<T>> {
			ensure!(
				cert.revoked_at.is_none() && now < cert.valid_until,
				Error::<T>::CertificateNotInForce
			);
			ensure!(cert.roles.contains(Role::Bidder), Error::<T>::NotABidder);
			ensure!(
				PeerAuthorities::<T>::get(slot, cert.authority)
					.is_some_and(|ca| ca.recognised && ca.generation == generation),
				Error::<T>::AuthorityNotRecognised
			);
			Ok(())
		}

		/// The recognised bars of `identity` from `bar` now in force, read lazily: a check of
		/// a bid stops at the first (at most one per slot).
		fn in_force(identity: H256, bar: Bar) -> impl Iterator<Item = (PeerSlot, PeerBar)> {
			let now = T::Clock::now();
			PeerBars::<T>::iter_prefix((identity, bar)).filter(move |(slot, state)| {
				Peers::<T>::get(slot).is_some_and(|p| p.generation == state.generation)
					&& !state.disregarded
					&& state.until.is_some_and(|until| until > now)
			})
		}
	}

	impl<T: Config>
		pallet_certificates::PeerCertified<<T as frame_system::Config>::AccountId, CertificateOf<T>>
		for Pallet<T>
	{
		fn certificate(who: &<T as frame_system::Config>::AccountId) -> Option<CertificateOf<T>> {
			let held = PeerCertificates::<T>::get(who).filter(|h| !h.withdrawn)?;
			let peer = Peers::<T>::get(held.slot)?;
			let applies = peer.generation == held.generation
				&& PeerAuthorities::<T>::get(held.slot, held.certificate.authority)
					.is_some_and(|ca| ca.recognised && ca.generation == held.generation);
			// A peer's certificate lets its holder bid here, and nothing more.
			let roles = Roles(held.certificate.roles.0 & Roles::of(&[Role::Bidder]).0);
			if !applies || roles.is_empty() {
				return None;
			}
			let mut cert = held.certificate;
			cert.roles = roles;
			// Until the proof is renewed, at the latest (the caller reports it expired).
			let lapses = held.recognised_at.saturating_add(T::PeerCertificateTtl::get());
			cert.valid_until = cert.valid_until.min(lapses);
			Some(cert)
		}
	}

	impl<T: Config> pallet_certificates::PeerBarred for Pallet<T> {
		fn is_barred(identity: &H256, bar: Bar) -> bool {
			Self::in_force(*identity, bar).next().is_some()
		}
	}
}

import type { PatrolFinding, PatrolStage } from './parcel';

/** A GPS fix as the device reported it. */
export interface GpsFix {
  lon: number;
  lat: number;
  /** Radius of 68 % confidence, metres. */
  accuracyM: number;
  at: string;
}

/** Fixes worse than this are marked as poor in the field (walked boundaries, patrol positions). */
export const POOR_ACCURACY_M = 20;

/**
 * A patrol record (巡查记录): what an inspector saw at a parcel on a visit. It belongs to the
 * parcel; a parcel keeps all of its records (DOMAIN.md "Patrol").
 */
export interface PatrolRecord {
  id: string;
  parcelId: string;
  /** ISO date-time of the visit. */
  at: string;
  inspector: string;
  stage: PatrolStage;
  finding: PatrolFinding;
  notes: string;
  position?: GpsFix;
  photoIds: string[];
  followUp?: string;
  createdAt: string;
}

/** A photo of a patrol, resized in the browser, stored as a Blob. */
export interface PhotoRecord {
  id: string;
  patrolId: string;
  parcelId: string;
  blob: Blob;
  type: string;
  width: number;
  height: number;
  name: string;
}

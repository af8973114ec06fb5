"use client";
import { createContext, useContext } from "react";

/** Selecting a node from its keyboard handler: React Flow's onNodeClick covers only the mouse. */
export const DiffSelectContext = createContext<(name: string | null) => void>(() => {});

export const useDiffSelect = () => useContext(DiffSelectContext);

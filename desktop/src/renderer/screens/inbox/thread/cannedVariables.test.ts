import { describe, expect, it } from 'vitest';
import { fillCanned, firstName } from './cannedVariables.ts';

const values = { contact: 'Alicia', agent: 'Elena', company: 'Tienda Centro' };

describe('fillCanned', () => {
  it('fills the customer, the agent and the company, in Spanish or English and any case', () => {
    expect(fillCanned('Hola {nombre}, soy {agente} de {empresa}.', values)).toBe('Hola Alicia, soy Elena de Tienda Centro.');
    expect(fillCanned('Hi {Name}, {AGENT} here from {company}', values)).toBe('Hi Alicia, Elena here from Tienda Centro');
  });

  it('leaves out a value it does not know, with the space before it, and keeps other braces', () => {
    expect(fillCanned('Hola {nombre}, gracias por escribir', { ...values, contact: null })).toBe('Hola, gracias por escribir');
    expect(fillCanned('{nombre}: su pedido {ref} está listo', { ...values, contact: null })).toBe(': su pedido {ref} está listo');
    expect(fillCanned('Sin variables', values)).toBe('Sin variables');
  });
});

describe('firstName', () => {
  it('takes the first word of a name', () => {
    expect(firstName('  Alicia Gómez ')).toBe('Alicia');
    expect(firstName('')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});

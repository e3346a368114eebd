import { expect } from 'chai';
import { leadName, withWhom } from '../../server/web/views/presenters/projects.js';

describe('the projects presenter: who leads a project, in words', () => {
  it('when the reference data does not know the lead (stored as "?"), then the reader sees that in words, never a question mark', () => {
    expect(leadName('nl', { id: null, name: '?' })).to.equal('een niet genoemd bestuur');
    expect(leadName('en', { id: null, name: '?' })).to.equal('an unnamed local government');
    expect(withWhom('nl', { lead: { id: null, name: '?' }, partners: [{ id: 'x', name: 'Mol' }] })).to.equal('een niet genoemd bestuur met Mol');
  });

  it('when the lead is known, then its name, with at most three partners and how many more', () => {
    expect(leadName('nl', { id: 'be-nis-12021', name: 'Lier' })).to.equal('Lier');
    const partners = ['Mol', 'Geel', 'Mechelen', 'Tienen', 'Genk'].map((name) => ({ id: null, name }));
    expect(withWhom('nl', { lead: { id: 'be-nis-12021', name: 'Lier' }, partners })).to.equal('Lier met Mol, Geel, Mechelen en 2 andere besturen');
  });
});
